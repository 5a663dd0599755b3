import { icons } from '../../components/icons';
import { NotReady } from '../NotReady';

export function BoardScreen() {
  return (
    <NotReady title="Review board" subtitle="Suggested → In review → Approved → Published" icon={icons.board} heading="No drafts to review">
      <p>
        Drafts appear here once tickets are in and the same correction has come up three times (the repeat threshold).
        Each card is a full article, or an update to one you already have, with the tickets behind it.
      </p>
    </NotReady>
  );
}
