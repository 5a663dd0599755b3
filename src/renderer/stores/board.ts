import { create } from 'zustand';
import type { DraftDetail, DraftKind, DraftSummary, ReviewOutcome } from '../../shared/domain/draft';
import { AppError } from '../../shared/api/errors';
import { api } from '../api';
import { columnOf, type ColumnId } from '../features/board/columns';
import { useApp } from './app';
import { useTeam } from './team';
import { plural } from '../../shared/plural';

export interface BoardFilter {
  query: string;
  kind: DraftKind | 'all';
  label: string;
  /** On a team's board: '' (everyone's), 'me', 'nobody' or a member id. */
  assignee: string;
  /** Each column's order: newest first, or the cards with most tickets (the most asked) first. */
  order: CardOrder;
}

export type CardOrder = 'newest' | 'tickets';

export type BoardDialog =
  { kind: 'reject' | 'merge' | 'label'; ids: number[] } | { kind: 'regenerate'; ids: [number] } | { kind: 'help' } | { kind: 'export' };

interface BoardStore {
  dialog: BoardDialog | null;
  setDialog(dialog: BoardDialog | null): void;
  /** The detail panel is editing the article. */
  editing: boolean;
  setEditing(editing: boolean): void;
  cards: DraftSummary[] | null;
  filter: BoardFilter;
  /** The card the keyboard is on. */
  focusId: number | null;
  selected: number[];
  detail: DraftDetail | null;
  collapsed: Partial<Record<ColumnId, boolean>>;
  /** The last action, for undo. */
  lastBatch: string | null;
  /** Reloads the cards; `advance` moves the keyboard focus on when the focused card left its column. */
  load(advance?: boolean): Promise<void>;
  setFilter(change: Partial<BoardFilter>): void;
  focus(id: number | null): void;
  toggleSelected(id: number, range?: number[]): void;
  clearSelection(): void;
  toggleColumn(id: ColumnId): void;
  open(id: number): Promise<void>;
  close(): void;
  /** Runs a review action, refreshes the board and offers Undo. */
  act(work: () => Promise<ReviewOutcome>, describe: (o: ReviewOutcome) => string): Promise<ReviewOutcome | undefined>;
  /** Starts a card for a topic still collecting evidence and opens it: in the editor when its answer is for the lead to write. */
  start(topicId: number): Promise<void>;
  /** Exports approved cards to the Publish target; each moves to Published once it is there. Without a target, the export dialog opens. */
  publish(ids: number[]): Promise<void>;
  undo(): Promise<void>;
}

const exists = (id: number) =>
  api.invoke('drafts.get', { id }).then(
    () => true,
    () => false,
  );

const message = (error: unknown) => (error instanceof AppError || error instanceof Error ? error.message : String(error));

export const useBoard = create<BoardStore>()((set, get) => ({
  dialog: null,
  setDialog(dialog) {
    set({ dialog });
  },
  editing: false,
  setEditing(editing) {
    set({ editing });
  },
  cards: null,
  filter: { query: '', kind: 'all', label: '', assignee: '', order: 'newest' },
  focusId: null,
  selected: [],
  detail: null,
  collapsed: { rejected: true },
  lastBatch: null,

  async load(advance = false) {
    const { query, kind, label, assignee, order } = get().filter;
    try {
      const listed = await api.invoke('drafts.list', {
        ...(query.trim() ? { query } : {}),
        ...(kind !== 'all' ? { kind } : {}),
        ...(label ? { label } : {}),
        ...(assignee && useTeam.getState().team ? { assignee } : {}),
      });
      // newest first as listed; a stable sort keeps that order among cards of as many tickets
      const cards = order === 'tickets' ? [...listed].sort((a, b) => b.evidenceTicketIds.length - a.evidenceTicketIds.length) : listed;
      set((s) => ({
        cards,
        selected: s.selected.filter((id) => cards.some((c) => c.id === id)),
        focusId: nextFocus(s.cards ?? [], cards, s.focusId, advance && s.detail?.id !== s.focusId),
      }));
      void useApp.getState().countToReview();
      const open = get().detail;
      // a card an undo took away (one the lead started) closes without a word
      if (open && (cards.some((c) => c.id === open.id) || (await exists(open.id)))) await get().open(open.id);
      else if (open) set({ detail: null, editing: false });
    } catch (error) {
      set({ cards: [] });
      useApp.getState().notify('error', message(error));
    }
  },

  setFilter(change) {
    // a new order starts the keyboard (and each column's scroll) at the top
    set((s) => ({ filter: { ...s.filter, ...change }, ...(change.order && change.order !== s.filter.order ? { focusId: null } : {}) }));
  },
  focus(id) {
    set({ focusId: id });
  },
  toggleSelected(id, range) {
    set((s) => {
      if (range) return { selected: [...new Set([...s.selected, ...range])] };
      return { selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] };
    });
  },
  clearSelection() {
    set({ selected: [] });
  },
  toggleColumn(id) {
    set((s) => ({ collapsed: { ...s.collapsed, [id]: !s.collapsed[id] } }));
  },
  async open(id) {
    try {
      const detail = await api.invoke('drafts.get', { id });
      set((s) => ({ detail, focusId: id, editing: s.detail?.id === id && s.editing }));
    } catch (error) {
      set({ detail: null });
      useApp.getState().notify('error', message(error));
    }
  },
  close() {
    set({ detail: null, editing: false });
  },

  async act(work, describe) {
    const { notify } = useApp.getState();
    try {
      const outcome = await work();
      set({ lastBatch: outcome.batch, selected: [] });
      await get().load(true);
      const failed = outcome.failed.length ? ` ${outcome.failed.length} could not: ${outcome.failed[0]!.message}` : '';
      notify(outcome.failed.length ? 'error' : 'info', describe(outcome) + failed, { label: 'Undo', run: () => void get().undo() });
      return outcome;
    } catch (error) {
      notify('error', message(error));
      return undefined;
    }
  },

  async start(topicId) {
    const outcome = await get().act(
      () => api.invoke('drafts.start', { topicId }),
      () => 'Started a card in review.',
    );
    if (!outcome?.created) return;
    await get().open(outcome.created);
    if (get().detail?.emptySection) set({ editing: true });
  },

  async publish(ids) {
    const { notify, applyJob } = useApp.getState();
    try {
      const targets = await api.invoke('exports.targets', {});
      if (!targets.length) {
        notify('info', 'Choose where approved articles are published: connect your help center (or a folder), then Publish again.');
        set({ dialog: { kind: 'export' } });
        return;
      }
      const { job, target, queued } = await api.invoke('drafts.publish', { ids });
      if (job) applyJob(job);
      notify(
        'info',
        `Publishing ${plural(queued, 'article')} to ${target.name}; ${queued === 1 ? 'the card moves' : 'cards move'} to Published once ${queued === 1 ? 'it is' : 'they are'} there.`,
      );
    } catch (error) {
      notify('error', message(error));
    }
  },

  async undo() {
    const { notify, withdrawAction } = useApp.getState();
    try {
      const batch = get().lastBatch;
      const done = await api.invoke('review.undo', batch ? { batch } : {});
      set({ lastBatch: null });
      withdrawAction('Undo');
      const what = done.action === 'start' ? 'Took back the card you started' : `Undid the last ${done.action.replace('_', ' ')}`;
      notify('info', `${what}${done.undone > 1 ? ` (${done.undone} changes)` : ''}.`);
      await get().load();
    } catch (error) {
      notify('error', message(error));
    }
  },
}));

/** Cards by column, in board order. */
export function cardsByColumn(cards: DraftSummary[]): Record<ColumnId, DraftSummary[]> {
  const out: Record<ColumnId, DraftSummary[]> = { suggested: [], in_review: [], approved: [], published: [], conflicts: [], rejected: [] };
  for (const c of cards) out[columnOf(c)].push(c);
  return out;
}

/**
 * Where the keyboard focus goes after a reload: it stays on its card, unless that card left its
 * column (approved, rejected, moved), when it goes to the card that took its place, as in an inbox.
 */
function nextFocus(before: DraftSummary[], after: DraftSummary[], focusId: number | null, advance: boolean): number | null {
  const was = before.find((c) => c.id === focusId);
  const now = after.find((c) => c.id === focusId);
  if (now && (!advance || !was || columnOf(was) === columnOf(now))) return now.id;
  if (!was) return now?.id ?? after[0]?.id ?? null;
  const oldColumn = before.filter((c) => columnOf(c) === columnOf(was));
  const index = oldColumn.findIndex((c) => c.id === was.id);
  const column = after.filter((c) => columnOf(c) === columnOf(was));
  return column[Math.min(index, column.length - 1)]?.id ?? now?.id ?? after[0]?.id ?? null;
}
