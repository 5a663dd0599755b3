import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { DraftSummary } from '../../../shared/domain/draft';
import type { ColumnId } from './columns';
import { DraftCard } from './DraftCard';

/** A card's usual height; one with more to show (a published link, a long title) grows, measured as it renders. */
const CARD_HEIGHT = 96;
const GAP = 8;

interface Props {
  id: ColumnId;
  title: string;
  empty: string;
  cards: DraftSummary[];
  collapsed: boolean;
  focusId: number | null;
  selected: Set<number>;
  onToggle: () => void;
  onOpen: (id: number, e: React.MouseEvent) => void;
  /** On a team's board: who else has each card open. */
  looking: Record<number, string[]>;
  /** On a team's board: this member's id. */
  you: string | undefined;
}

/** One column: a drop target whose cards are virtualized, so thousands scroll smoothly. */
export function BoardColumn({ id, title, empty, cards, collapsed, focusId, selected, onToggle, onOpen, looking, you }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const section = useRef<HTMLElement | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: collapsed ? 0 : cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_HEIGHT,
    gap: GAP,
    overscan: 6,
  });
  const focusIndex = cards.findIndex((c) => c.id === focusId);
  useEffect(() => {
    if (focusIndex < 0 || collapsed) return;
    virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
    if (section.current) revealColumn(section.current);
  }, [focusIndex, collapsed, virtualizer]);
  // a card opened with the mouse narrows the row for its details, which can push its own column out of view
  const holdsFocus = focusIndex >= 0 && !collapsed;
  useEffect(() => {
    const column = section.current;
    const row = column?.parentElement;
    if (!holdsFocus || !column || !row) return;
    const resized = new ResizeObserver(() => revealColumn(column));
    resized.observe(row);
    return () => resized.disconnect();
  }, [holdsFocus]);

  return (
    <section
      ref={(node) => {
        setNodeRef(node);
        section.current = node;
      }}
      className={`board-column board-column--${id}${collapsed ? ' board-column--collapsed' : ''}${isOver ? ' board-column--over' : ''}`}
      aria-label={title}
    >
      <header className="board-column__head">
        <button
          className="board-column__toggle"
          aria-expanded={!collapsed}
          onClick={onToggle}
          title={collapsed ? 'Show this column' : 'Collapse this column'}
        >
          <span className="board-column__title">{title}</span>
          <span className="board-column__count">{cards.length.toLocaleString()}</span>
        </button>
      </header>
      {!collapsed && (
        <div ref={scroller} className="board-column__cards" role="list" aria-label={`${title} cards`}>
          {cards.length === 0 ? (
            <p className="board-column__empty">{empty}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const card = cards[row.index]!;
                return (
                  <div
                    key={card.id}
                    ref={virtualizer.measureElement}
                    data-index={row.index}
                    role="listitem"
                    className="board-column__slot"
                    style={{ transform: `translateY(${row.start}px)` }}
                  >
                    <DraftCard
                      card={card}
                      focused={card.id === focusId}
                      selected={selected.has(card.id)}
                      onOpen={onOpen}
                      looking={looking[card.id]}
                      you={you}
                    />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Scrolls the row of columns sideways, and only it, until a column is in full view: the column of
 * the card the keyboard moved to may sit past the edge, behind an open card's details.
 */
function revealColumn(column: HTMLElement): void {
  const row = column.parentElement;
  if (!row) return;
  const left = column.getBoundingClientRect().left - row.getBoundingClientRect().left + row.scrollLeft;
  const right = left + column.offsetWidth;
  if (left < row.scrollLeft) row.scrollLeft = left;
  else if (right > row.scrollLeft + row.clientWidth) row.scrollLeft = right - row.clientWidth;
}
