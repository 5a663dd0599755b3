import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import type { DraftSummary } from '../../../shared/domain/draft';
import { PublishedLink } from './CardDetail';
import { age, KIND_LABEL, KIND_TONE } from './columns';
import { teamLine, TilePeople } from './TeamOnBoard';

interface Props {
  card: DraftSummary;
  focused: boolean;
  selected: boolean;
  onOpen: (id: number, e: React.MouseEvent) => void;
  /** On a team's board: who else has the card open. */
  looking?: string[];
  /** On a team's board: this member's id. */
  you?: string;
}

/** A card on the board: title, kind, topic size, evidence, age, drafter, labels. Drag it to another column. */
export const DraftCard = memo(function DraftCard({ card, focused, selected, onOpen, looking, you }: Props) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id });
  const said = card.team && teamLine(card.team, you);
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="button"
      tabIndex={focused ? 0 : -1}
      aria-pressed={selected}
      aria-label={`${card.title}, ${KIND_LABEL[card.kind]}, ${card.evidenceTicketIds.length} tickets`}
      data-card-id={card.id}
      className={`board-card${focused ? ' board-card--focused' : ''}${selected ? ' board-card--selected' : ''}${isDragging ? ' board-card--dragging' : ''}`}
      onClick={(e) => onOpen(card.id, e)}
    >
      {/* two lines on the card; the whole title on hover */}
      <span className="board-card__title" title={card.title}>
        {card.title}
      </span>
      <span className="board-card__meta">
        {/* a new card still to write says that alone: the row has room for two flags and the count */}
        {(card.emptySection === null || card.kind !== 'new') && (
          <span className={`flag flag--${KIND_TONE[card.kind]}`}>{KIND_LABEL[card.kind]}</span>
        )}
        {card.emptySection !== null && (
          <span className="flag flag--warn" title={`The “${card.emptySection}” section is for you to write`}>
            To write
          </span>
        )}
        <span
          title={
            card.topicSize > card.evidenceTicketIds.length
              ? `${card.topicSize - card.evidenceTicketIds.length} more tickets of the topic were set aside`
              : undefined
          }
        >
          {card.evidenceTicketIds.length} tickets
        </span>
      </span>
      <span className="board-card__foot">
        {said ? (
          <span className="board-card__drafter" title={new Date(said.at).toLocaleString()}>
            {said.text}, {age(said.at)} ago
          </span>
        ) : (
          <>
            <span title={`Drafted ${new Date(card.createdAt).toLocaleString()}`}>{age(card.createdAt)}</span>
            <span aria-hidden="true">·</span>
            <span className="board-card__drafter">{card.drafter}</span>
          </>
        )}
        {card.labels.map((l) => (
          <span key={l} className="label-chip">
            {l}
          </span>
        ))}
        {card.team && <TilePeople team={card.team} looking={looking} you={you} />}
      </span>
      {card.publishedUrl && <PublishedLink url={card.publishedUrl} compact />}
    </div>
  );
});
