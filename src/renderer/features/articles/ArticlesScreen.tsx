import { icons } from '../../components/icons';
import { NotReady } from '../NotReady';

export function ArticlesScreen() {
  return (
    <NotReady title="Knowledge base" subtitle="Approved articles and their versions" icon={icons.articles} heading="No articles yet">
      <p>Every draft you approve becomes a versioned article here, ready to export to your help center.</p>
    </NotReady>
  );
}
