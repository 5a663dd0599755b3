import { create } from 'zustand';
import type { TeamLooking, TeamStatus } from '../../shared/domain/team';
import { api } from '../api';
import { useApp } from './app';

interface TeamStore {
  /** The open workspace's team, or null when it is not shared. */
  team: TeamStatus['team'];
  /** Who else has each card open now, by draft id. */
  looking: Record<number, string[]>;
  refresh(): Promise<void>;
}

const byDraft = (looking: TeamLooking[]) => Object.fromEntries(looking.map((l) => [l.draftId, l.names]));

export const useTeam = create<TeamStore>()((set) => ({
  team: null,
  looking: {},
  async refresh() {
    if (!useApp.getState().status) return set({ team: null, looking: {} });
    try {
      const { team } = await api.invoke('team.status', {});
      set({ team, looking: byDraft(team?.looking ?? []) });
    } catch {
      // a workspace switching under the call: the next refresh tells
    }
  },
}));

/** Tells the team which card this member has open; a failure only means the others do not see it. */
export function lookAt(draftId: number | null): void {
  if (useTeam.getState().team) void api.invoke('team.look', { draftId }).catch(() => undefined);
}

/** Keeps the team's status fresh (who is online, the connection) and the board in step with other members' changes. */
export function connectTeam(): void {
  const refresh = () => void useTeam.getState().refresh();
  api.on('team.changed', () => {
    useApp.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
    void useApp.getState().countToReview();
    refresh();
  });
  api.on('team.presence', ({ looking }) => useTeam.setState({ looking: byDraft(looking) }));
  api.on('workspace.changed', refresh);
  window.addEventListener('pagehide', () => lookAt(null));
  setInterval(refresh, 5_000);
  refresh();
}
