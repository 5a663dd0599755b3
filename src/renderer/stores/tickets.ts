import { create } from 'zustand';
import type { TicketFilterInput } from '../../shared/api/contract';
import type { TicketDetail, TicketFacets, TicketSummary } from '../../shared/domain/ticket';
import { api } from '../api';

export const PAGE = 100;

interface TicketsStore {
  filter: TicketFilterInput;
  /** The filter the shown total and pages belong to (the filter may be newer while they load). */
  shownFilter: TicketFilterInput;
  total: number | null;
  facets: TicketFacets | null;
  /** Loaded pages of the current filter, by page index. */
  pages: Record<number, TicketSummary[]>;
  selectedId: number | null;
  detail: TicketDetail | null;
  error: string | null;

  setFilter(change: Partial<TicketFilterInput>): void;
  clearFilter(): void;
  reload(): Promise<void>;
  loadPage(index: number): Promise<void>;
  select(id: number | null): Promise<void>;
}

let generation = 0;
const loading = new Set<string>();

function clean(filter: TicketFilterInput): TicketFilterInput {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as TicketFilterInput;
}

/** The ticket browser: the filter, its counts, and the pages loaded as the list scrolls. */
export const useTickets = create<TicketsStore>()((set, get) => ({
  filter: {},
  shownFilter: {},
  total: null,
  facets: null,
  pages: {},
  selectedId: null,
  detail: null,
  error: null,

  setFilter(change) {
    set({ filter: clean({ ...get().filter, ...change }) });
    void get().reload();
  },

  clearFilter() {
    set({ filter: {} });
    void get().reload();
  },

  async reload() {
    const mine = ++generation;
    const filter = get().filter;
    try {
      const [page, facets] = await Promise.all([
        api.invoke('tickets.list', { filter, offset: 0, limit: PAGE }),
        api.invoke('tickets.facets', { filter }),
      ]);
      if (mine !== generation) return;
      set({ total: page.total, facets, pages: { 0: page.rows }, shownFilter: filter, error: null });
    } catch (error) {
      if (mine === generation) set({ error: error instanceof Error ? error.message : String(error) });
    }
  },

  async loadPage(index) {
    const mine = generation;
    const key = `${mine}:${index}`;
    if (get().pages[index] || loading.has(key)) return;
    loading.add(key);
    try {
      const page = await api.invoke('tickets.list', { filter: get().filter, offset: index * PAGE, limit: PAGE });
      if (mine === generation) set((s) => ({ pages: { ...s.pages, [index]: page.rows } }));
    } finally {
      loading.delete(key);
    }
  },

  async select(id) {
    set({ selectedId: id, detail: id === null || get().detail?.id !== id ? null : get().detail });
    if (id === null) return;
    const detail = await api.invoke('tickets.get', { id });
    if (get().selectedId === id) set({ detail });
  },
}));

export function ticketAt(pages: Record<number, TicketSummary[]>, index: number): TicketSummary | undefined {
  return pages[Math.floor(index / PAGE)]?.[index % PAGE];
}
