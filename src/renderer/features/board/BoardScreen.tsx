import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DraftKind, TopicSummary } from '../../../shared/domain/draft';
import { isJobActive } from '../../../shared/domain/job';
import { api } from '../../api';
import { ScreenHeader } from '../../components/AppFrame';
import { EmptyState } from '../../components/EmptyState';
import { icons } from '../../components/icons';
import { useApp } from '../../stores/app';
import { cardsByColumn, useBoard, type CardOrder } from '../../stores/board';
import { BoardColumn } from './BoardColumn';
import { TeamBanner } from './TeamBanner';
import { lookAt, useTeam } from '../../stores/team';
import { AssigneeFilter, toggleMine } from './TeamOnBoard';
import { BoardDialogs } from './BoardDialogs';
import { approvedMessage, CardDetail } from './CardDetail';
import { columnOf, COLUMNS, KIND_LABEL, moveInto, type ColumnId } from './columns';
import { plural } from '../../../shared/plural';

const NEXT: Partial<Record<ColumnId, ColumnId>> = {
  suggested: 'in_review',
  in_review: 'approved',
  approved: 'published',
  rejected: 'in_review',
};
const PREVIOUS: Partial<Record<ColumnId, ColumnId>> = { in_review: 'suggested' };

/** The review board: drafts in columns from Suggested to Published, reviewed by mouse or keyboard. */
export function BoardScreen() {
  const dataVersion = useApp((s) => s.dataVersion);
  const jobs = useApp((s) => s.jobs);
  const route = useApp((s) => s.route);
  const applyJob = useApp((s) => s.applyJob);
  const notify = useApp((s) => s.notify);
  const board = useBoard();
  const team = useTeam((s) => s.team);
  const looking = useTeam((s) => s.looking);
  const {
    cards,
    filter,
    focusId,
    detail,
    collapsed,
    dialog,
    editing,
    load,
    setFilter,
    focus,
    toggleSelected,
    clearSelection,
    toggleColumn,
    open,
    close,
    act,
    publish,
    undo,
    setDialog,
    setEditing,
  } = board;
  const selected = useMemo(() => new Set(board.selected), [board.selected]);
  const [collecting, setCollecting] = useState<TopicSummary[]>([]);
  // a topic the lead just started a card for is on the board, no longer collecting
  const carded = useMemo(() => new Set((cards ?? []).map((c) => c.topicId)), [cards]);
  const repeated = collecting.filter((t) => t.size > 1 && !carded.has(t.id));
  const askedOnce = collecting.filter((t) => t.size <= 1).length;
  const [dragging, setDragging] = useState<number | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const learning = Object.values(jobs).some((j) => (j.kind === 'learn.backfill' || j.kind === 'learn.loop') && isJobActive(j));
  const learnedAt = Object.values(jobs).filter((j) => j.kind.startsWith('learn.') && j.finishedAt).length;

  useEffect(() => {
    const typing = setTimeout(() => void load(), filter.query ? 150 : 0);
    return () => clearTimeout(typing);
  }, [dataVersion, learnedAt, filter, load]);
  useEffect(() => {
    void api.invoke('topics.list', {}).then(
      (topics) => setCollecting(topics.filter((t) => t.draftStatus === null)),
      () => setCollecting([]),
    );
  }, [dataVersion, learnedAt]);

  // the team sees which card this member has open, while the board is on screen
  const openId = detail?.id ?? null;
  const shared = team !== null;
  useEffect(() => {
    if (!shared || openId === null) return;
    lookAt(openId);
    return () => lookAt(null);
  }, [openId, shared]);

  const columns = useMemo(() => cardsByColumn(cards ?? []), [cards]);
  const labels = useMemo(() => [...new Set((cards ?? []).flatMap((c) => c.labels))].sort(), [cards]);
  const visible = COLUMNS.filter((c) => !collapsed[c.id]);
  const byId = useMemo(() => new Map((cards ?? []).map((c) => [c.id, c])), [cards]);
  const targets = useCallback(
    () => (board.selected.length ? board.selected : focusId !== null ? [focusId] : []),
    [board.selected, focusId],
  );

  /** Moves cards to a column: what the move means (approve, reject, move) follows from where they are. */
  const moveTo = useCallback(
    async (ids: number[], to: ColumnId) => {
      const moves = ids.map((id) => ({ id, move: moveInto(columnOf(byId.get(id)!), to) })).filter((m) => m.move);
      const allowed = moves.filter((m) => !('refused' in m.move!));
      if (!allowed.length) {
        const refused = moves.find((m) => m.move && 'refused' in m.move);
        if (refused && 'refused' in refused.move!) notify('error', refused.move.refused);
        return;
      }
      const move = allowed[0]!.move!;
      const ok = allowed.filter((m) => JSON.stringify(m.move) === JSON.stringify(move)).map((m) => m.id);
      if ('refused' in move) return;
      if (move.action === 'reject') return setDialog({ kind: 'reject', ids: ok });
      if (move.action === 'approve')
        return void act(
          () => api.invoke('drafts.approve', { ids: ok }),
          (o) => approvedMessage(o.approved),
        );
      if (move.to === 'published') return void publish(ok);
      const title = COLUMNS.find((c) => c.id === to)!.title;
      await act(
        () => api.invoke('drafts.move', { ids: ok, to: move.to }),
        (o) => `Moved ${plural(o.changed.length, 'card')} to ${title}.`,
      );
    },
    [act, publish, byId, notify, setDialog],
  );

  const onOpen = useCallback(
    (id: number, e: React.MouseEvent) => {
      if (e.metaKey || e.ctrlKey) return toggleSelected(id);
      if (e.shiftKey && focusId !== null) {
        const column = columns[columnOf(byId.get(id)!)];
        const [a, b] = [column.findIndex((c) => c.id === focusId), column.findIndex((c) => c.id === id)];
        if (a >= 0 && b >= 0)
          return toggleSelected(
            id,
            column.slice(Math.min(a, b), Math.max(a, b) + 1).map((c) => c.id),
          );
      }
      void open(id);
    },
    [byId, columns, focusId, open, toggleSelected],
  );

  // keyboard review: only on this screen, not while typing or in a dialog
  useEffect(() => {
    if (route !== 'board') return;
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement &&
        (e.target.closest('input, textarea, select, [contenteditable]') || e.target.closest('[role="dialog"]'));
      if (dialog || editing || typing || e.altKey) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        return void undo();
      }
      if (e.ctrlKey || e.metaKey) return;
      const current = focusId !== null ? byId.get(focusId) : undefined;
      const column = current ? columnOf(current) : visible[0]?.id;
      if (!column) return;
      const list = columns[column];
      const index = current ? list.findIndex((c) => c.id === current.id) : -1;
      const step = (delta: number) => {
        const next = list[Math.max(0, Math.min(list.length - 1, index + delta))];
        if (next) {
          focus(next.id);
          if (detail) void open(next.id);
        }
      };
      const hop = (delta: number) => {
        const order = visible.map((c) => c.id);
        for (let i = order.indexOf(column) + delta; i >= 0 && i < order.length; i += delta) {
          const other = columns[order[i]!];
          if (other.length) {
            const next = other[Math.min(Math.max(index, 0), other.length - 1)]!;
            focus(next.id);
            if (detail) void open(next.id);
            return;
          }
        }
      };
      const handled = () => e.preventDefault();
      if (e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
        const to = (e.key === 'ArrowRight' ? NEXT : PREVIOUS)[column];
        handled();
        if (to) void moveTo(targets(), to);
        else notify('error', e.key === 'ArrowRight' ? 'This card has no next column.' : 'This card has no previous column.');
        return;
      }
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          handled();
          return step(1);
        case 'k':
        case 'ArrowUp':
          handled();
          return step(-1);
        case 'h':
        case 'ArrowLeft':
          handled();
          return hop(-1);
        case 'l':
        case 'ArrowRight':
          handled();
          return hop(1);
        case 'Enter':
          handled();
          if (current) void open(current.id);
          return;
        case 'Escape':
          if (detail) close();
          else clearSelection();
          return;
        case 'a':
          handled();
          if (targets().length) void moveTo(targets(), 'approved');
          return;
        case 'r':
          handled();
          if (targets().length) void moveTo(targets(), 'rejected');
          return;
        case 'p': {
          handled();
          const approved = targets().filter((id) => byId.get(id)?.status === 'approved');
          if (approved.length) void publish(approved);
          else notify('error', 'Publish works on approved cards.');
          return;
        }
        case 'e':
          handled();
          if (current && (current.status === 'suggested' || current.status === 'in_review')) {
            void open(current.id).then(() => setEditing(true));
          }
          return;
        case 'm':
          handled();
          if (targets().length) setDialog({ kind: 'merge', ids: targets() });
          return;
        case 't':
          handled();
          if (targets().length) setDialog({ kind: 'label', ids: targets() });
          return;
        case 'x':
          handled();
          if (current) toggleSelected(current.id);
          return;
        case 'i':
          handled();
          if (!team) notify('error', 'Cards are assigned on a board shared with a team (Settings → Team).');
          else if (targets().length)
            void toggleMine(
              targets().map((id) => byId.get(id)!),
              team,
            );
          return;
        case 'u':
          handled();
          return void undo();
        case '/':
          handled();
          search.current?.focus();
          return;
        case '?':
          handled();
          setDialog({ kind: 'help' });
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [
    route,
    dialog,
    editing,
    focusId,
    byId,
    columns,
    visible,
    detail,
    targets,
    moveTo,
    focus,
    open,
    close,
    clearSelection,
    toggleSelected,
    undo,
    publish,
    setDialog,
    setEditing,
    notify,
    team,
  ]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const onDragStart = (e: DragStartEvent) => setDragging(Number(e.active.id));
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    if (!e.over) return;
    const id = Number(e.active.id);
    void moveTo(selected.has(id) ? [...selected] : [id], e.over.id as ColumnId);
  };

  const start = async (method: 'learn.backfill' | 'learn.run') => {
    try {
      applyJob(await api.invoke(method, {}));
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  const filtering = filter.query.trim() !== '' || filter.kind !== 'all' || filter.label !== '' || (shared && filter.assignee !== '');
  const toReview = columns.suggested.length + columns.in_review.length + columns.conflicts.length;

  return (
    <div className="board-screen">
      <ScreenHeader
        title="Review board"
        subtitle={cards ? `${plural(toReview, 'card')} to review${filtering ? ' (filtered)' : ''}` : 'Loading…'}
        actions={
          <>
            <button
              className="icon-button"
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
              onClick={() => setDialog({ kind: 'help' })}
            >
              ?
            </button>
            <button className="button" onClick={() => start('learn.run')} disabled={learning}>
              Check new handovers
            </button>
            <button className="button button--primary" onClick={() => start('learn.backfill')} disabled={learning}>
              {learning ? 'Learning…' : 'Learn from past tickets'}
            </button>
          </>
        }
      />
      <TeamBanner />
      {cards && cards.length === 0 && !filtering ? (
        <EmptyState icon={icons.board} title="No drafts yet">
          <p>
            Drafts appear once the same correction has come up three times (the repeat threshold). To start with what your team already
            knows, <strong>Learn from past tickets</strong> drafts one article per recurring question in your last 5,000 resolved tickets.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="board-toolbar" role="group" aria-label="Board filters">
            <input
              ref={search}
              className="input board-toolbar__search"
              type="search"
              aria-label="Search the board"
              placeholder="Search titles and articles, or #number  ( / )"
              value={filter.query}
              onChange={(e) => setFilter({ query: e.target.value })}
              onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.blur(), setFilter({ query: '' }))}
            />
            <select
              className="input"
              aria-label="Kind"
              value={filter.kind}
              onChange={(e) => setFilter({ kind: e.target.value as DraftKind | 'all' })}
            >
              <option value="all">All kinds</option>
              {(Object.keys(KIND_LABEL) as DraftKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
            <select className="input" aria-label="Label" value={filter.label} onChange={(e) => setFilter({ label: e.target.value })}>
              <option value="">All labels</option>
              {labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <select
              className="input"
              aria-label="Sort cards"
              value={filter.order}
              onChange={(e) => setFilter({ order: e.target.value as CardOrder })}
            >
              <option value="newest">Newest first</option>
              <option value="tickets">Most tickets first</option>
            </select>
            {team && <AssigneeFilter team={team} value={filter.assignee} onChange={(assignee) => setFilter({ assignee })} />}
            {/* a question asked once is no topic yet: counted, not listed */}
            {repeated.length > 0 ? (
              <details className="collecting">
                <summary>{plural(repeated.length, 'topic')} still collecting evidence</summary>
                <ul aria-label="Topics collecting evidence">
                  {repeated.map((t) => (
                    <li key={t.id} title={t.representative}>
                      <span>{t.label}</span>
                      <span className="muted">{collectingCount(t)}</span>
                      <button
                        className="button button--small"
                        title={
                          t.agreeing < t.size
                            ? 'Make a card with these questions, and write the answer'
                            : 'Draft it now from the answers, without waiting for more tickets'
                        }
                        onClick={() => void board.start(t.id)}
                      >
                        {t.agreeing < t.size ? 'Write the answer' : 'Draft now'}
                      </button>
                    </li>
                  ))}
                  {askedOnce > 0 && <li className="muted">and {plural(askedOnce, 'question')} asked once so far</li>}
                </ul>
              </details>
            ) : (
              askedOnce > 0 && <span className="collecting muted">{plural(askedOnce, 'question')} asked once so far</span>
            )}
          </div>
          {selected.size > 0 && (
            <div className="bulk-bar" role="toolbar" aria-label="Selected cards">
              <strong>{selected.size} selected</strong>
              <button className="button button--primary" onClick={() => void moveTo([...selected], 'approved')}>
                Approve {selected.size}
              </button>
              <button className="button" onClick={() => void moveTo([...selected], 'rejected')}>
                Reject…
              </button>
              <button className="button" onClick={() => setDialog({ kind: 'label', ids: [...selected] })}>
                Label…
              </button>
              <button className="button" disabled={selected.size < 2} onClick={() => setDialog({ kind: 'merge', ids: [...selected] })}>
                Merge…
              </button>
              <button className="button" onClick={clearSelection}>
                Clear
              </button>
            </div>
          )}
          <div className={`board${detail ? ' board--with-detail' : ''}`}>
            <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
              <div className="board__columns">
                {COLUMNS.map((c) => (
                  <BoardColumn
                    key={c.id}
                    id={c.id}
                    title={c.title}
                    empty={filtering ? 'No card matches the filter.' : c.empty}
                    cards={columns[c.id]}
                    collapsed={Boolean(collapsed[c.id])}
                    focusId={focusId}
                    selected={selected}
                    onToggle={() => toggleColumn(c.id)}
                    onOpen={onOpen}
                    looking={looking}
                    you={team?.member}
                  />
                ))}
              </div>
              <DragOverlay dropAnimation={null}>
                {dragging !== null && byId.get(dragging) && (
                  <div className="board-card board-card--overlay">
                    <span className="board-card__title">{byId.get(dragging)!.title}</span>
                    {selected.has(dragging) && selected.size > 1 && <span className="muted">and {selected.size - 1} more</span>}
                  </div>
                )}
              </DragOverlay>
            </DndContext>
            {detail && <CardDetail draft={detail} team={team} looking={looking[detail.id]} />}
          </div>
        </>
      )}
      <BoardDialogs />
    </div>
  );
}

/** How many tickets a topic collecting evidence holds, and how many of their answers agree. */
function collectingCount(t: { size: number; agreeing: number }): string {
  if (t.agreeing >= t.size) return plural(t.size, 'ticket');
  // asked alike and answered each time another way: the question has no answer yet
  return t.agreeing > 1 ? `${t.agreeing} agreeing of ${t.size}` : `${plural(t.size, 'ticket')}, no two answers agree`;
}
