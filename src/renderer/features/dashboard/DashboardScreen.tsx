import { icons } from '../../components/icons';
import { NotReady } from '../NotReady';

export function DashboardScreen() {
  return (
    <NotReady title="Dashboard" subtitle="Is the loop learning?" icon={icons.dashboard} heading="Nothing to measure yet">
      <p>
        The dashboard needs tickets where your AI agent took part. It then shows the AI resolution rate week over week,
        unanswered questions, how long drafts wait for approval, and the topics no article covers yet.
      </p>
    </NotReady>
  );
}
