import { create } from 'zustand';
import type { MethodInput } from '../../shared/api/contract';
import type { PrivacySettings } from '../../shared/domain/privacy';
import { AppError } from '../../shared/api/errors';
import type { AppInfo, ThemePreference } from '../../shared/domain/app';
import { isIngestKind, type Job } from '../../shared/domain/job';
import { rederivedMessage, type Workspace, type WorkspaceStatus } from '../../shared/domain/workspace';
import { api } from '../api';
import { uploadAndImport } from '../api/upload';

export const ROUTES = ['sources', 'tickets', 'board', 'articles', 'dashboard', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
  /** A button on the toast, e.g. Undo. */
  action?: { label: string; run: () => void };
}

interface AppStore {
  ready: boolean;
  loadError: string | null;
  info: AppInfo | null;
  workspaces: Workspace[];
  status: WorkspaceStatus | null;
  jobs: Record<number, Job>;
  toasts: Toast[];
  /** Cards in Suggested or In review, beside the review board in the sidebar; null before it is known. */
  toReview: number | null;
  route: Route;
  /** Goes up whenever tickets may have changed (an import or the demo finished): screens re-read. */
  dataVersion: number;
  /** The last finished import or demo build, for the Sources screen. */
  lastImport: Job | null;
  /** A file being sent to the engine before its import job starts. */
  upload: { name: string; fraction: number } | null;
  /** The open workspace's local-only mode and allowed endpoints (null without a workspace). */
  privacy: PrivacySettings | null;

  load(): Promise<void>;
  refresh(): Promise<void>;
  createWorkspace(name: string): Promise<boolean>;
  switchWorkspace(id: string): Promise<void>;
  setTheme(theme: ThemePreference): Promise<void>;
  createDemo(): Promise<void>;
  importFile(file: File): Promise<void>;
  startSelftest(): Promise<void>;
  cancelJob(id: number): Promise<void>;
  applyJob(job: Job): void;
  navigate(route: Route): void;
  notify(tone: Toast['tone'], message: string, action?: Toast['action']): void;
  dismissToast(id: number): void;
  /** Counts the cards waiting for review again (after learning, a review action, a team's update). */
  countToReview(): Promise<void>;
  /** Takes away the toasts offering a button that no longer applies (Undo, once undone). */
  withdrawAction(label: string): void;
  /** Changes local-only mode or an allowance; the badge follows. */
  setPrivacy(change: MethodInput<'privacy.set'>): Promise<boolean>;
}

let toastSeq = 0;
/** Workspaces whose tickets being read again on opening were told about in this window. */
const toldRederived = new Set<string>();

/** Says once per workspace that this version read its tickets again when it opened, and what follows. */
function rederivedNotice(status: WorkspaceStatus | null): string | null {
  if (!status?.rederived || toldRederived.has(status.workspace.id)) return null;
  toldRederived.add(status.workspace.id);
  return rederivedMessage(status.rederived);
}

function routeFromHash(): Route {
  const name = location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'sources';
}

export const useApp = create<AppStore>()((set, get) => {
  /** Runs a call; shows its error as a toast instead of throwing. */
  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      get().notify('error', error instanceof AppError ? error.message : String(error));
      return undefined;
    }
  }

  return {
    ready: false,
    loadError: null,
    info: null,
    workspaces: [],
    status: null,
    jobs: {},
    toasts: [],
    toReview: null,
    route: routeFromHash(),
    dataVersion: 0,
    lastImport: null,
    upload: null,
    privacy: null,

    async load() {
      try {
        const info = await api.invoke('app.info', {});
        set({ info });
        await get().refresh();
        set({ ready: true, loadError: null });
      } catch (error) {
        set({ loadError: error instanceof Error ? error.message : String(error) });
      }
    },

    async refresh() {
      const workspaces = await api.invoke('workspace.list', {});
      const current = workspaces.find((w) => w.active && !w.problem);
      const status = current ? await api.invoke('workspace.status', {}) : null;
      const jobs = current ? await api.invoke('jobs.list', { limit: 50 }) : [];
      const privacy = current ? await api.invoke('privacy.get', {}) : null;
      set({
        workspaces,
        status,
        privacy,
        jobs: Object.fromEntries(jobs.map((j) => [j.id, j])),
        toReview: status && !status.damage ? status.counts.drafts : null,
      });
      const notice = rederivedNotice(status);
      if (notice) get().notify('info', notice);
    },

    async createWorkspace(name) {
      const created = await attempt(() => api.invoke('workspace.create', { name, use: true }));
      if (!created) return false;
      await get().refresh();
      return true;
    },

    async switchWorkspace(id) {
      await attempt(async () => {
        await api.invoke('workspace.use', { id });
        await get().refresh();
      });
    },

    async setTheme(theme) {
      const preferences = await attempt(() => api.invoke('app.setPreferences', { theme }));
      const info = get().info;
      if (preferences && info) set({ info: { ...info, preferences } });
    },

    async createDemo() {
      const created = await attempt(() => api.invoke('demo.create', {}));
      if (!created) return;
      get().applyJob(created.job);
      await get().refresh();
      get().navigate('tickets');
    },

    async importFile(file) {
      set({ upload: { name: file.name, fraction: 0 } });
      const job = await attempt(() => uploadAndImport(file, (fraction) => set({ upload: { name: file.name, fraction } })));
      set({ upload: null });
      if (job) get().applyJob(job);
    },

    async startSelftest() {
      const job = await attempt(() => api.invoke('diagnostics.selftest', {}));
      if (job) get().applyJob(job);
    },

    async cancelJob(id) {
      const job = await attempt(() => api.invoke('jobs.cancel', { id }));
      if (job) get().applyJob(job);
    },

    applyJob(job) {
      set((state) => {
        const known = state.jobs[job.id];
        // events can arrive out of order with call results: never step a finished job back
        if (known?.finishedAt && !job.finishedAt) return state;
        return { jobs: { ...state.jobs, [job.id]: job } };
      });
    },

    navigate(route) {
      if (location.hash !== `#/${route}`) location.hash = `#/${route}`;
      set({ route });
    },

    notify(tone, message, action) {
      const id = ++toastSeq;
      // an Undo takes back the newest change only, so a newer toast with the same button replaces an older one
      const superseded = (t: Toast) => action !== undefined && t.action?.label === action.label;
      set((state) => ({ toasts: [...state.toasts.filter((t) => !superseded(t)).slice(-2), { id, tone, message, action }] }));
      // long enough to read: a long message or one with a button stays longer
      setTimeout(() => get().dismissToast(id), tone === 'error' || action || message.length > 100 ? 8000 : 4000);
    },

    async setPrivacy(change) {
      const before = get().privacy;
      // the switch moves at once; it moves back if the engine refuses
      if (before && change.localOnly !== undefined) set({ privacy: { ...before, localOnly: change.localOnly } });
      const privacy = await attempt(() => api.invoke('privacy.set', change));
      set({ privacy: privacy ?? before });
      return !!privacy;
    },

    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
    },

    async countToReview() {
      if (!get().status) return;
      try {
        set({ toReview: (await api.invoke('drafts.waiting', {})).toReview });
      } catch {
        // the count is a hint; the board itself says what went wrong
      }
    },

    withdrawAction(label) {
      set((state) => ({ toasts: state.toasts.filter((t) => t.action?.label !== label) }));
    },
  };
});

export function isIngestJob(job: Job): boolean {
  return isIngestKind(job.kind);
}

/** Wires pushed events and the address bar into the store; call once at start. */
export function connectStore(): void {
  const { applyJob, refresh } = useApp.getState();
  let lastDataBump = 0;
  api.on('job.progress', (job) => {
    applyJob(job);
    // tickets appear while an import runs, not only at its end
    if (isIngestJob(job) && Date.now() - lastDataBump > 2000) {
      lastDataBump = Date.now();
      useApp.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
    }
  });
  api.on('job.done', (job) => {
    applyJob(job);
    // learning, an import's loop, a regenerated or published card: any may change what waits for review
    void useApp.getState().countToReview();
    if (isIngestJob(job)) {
      // a sync reports on its source's row; the import panel shows files and the demo
      useApp.setState((s) => ({ dataVersion: s.dataVersion + 1, lastImport: job.kind === 'sync.source' ? s.lastImport : job }));
      void refresh();
    }
    if (job.kind === 'export.run') {
      // published cards moved, articles got their links
      useApp.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
      if (job.status === 'done' && job.message) useApp.getState().notify('info', job.message);
    }
    if (job.status === 'failed') useApp.getState().notify('error', `${job.title} failed: ${job.error ?? 'unknown error'}`);
  });
  api.on('workspace.changed', () => void refresh());
  api.on('app.notice', ({ level, message }) => useApp.getState().notify(level, message));
  window.addEventListener('hashchange', () => useApp.setState({ route: routeFromHash() }));
}
