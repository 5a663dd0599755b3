import { create } from 'zustand';
import type { TeamStatus } from '../../shared/domain/team';
import { api } from '../api';
import { useApp } from './app';

interface TeamStore {
  /** The open workspace's team, or null when it is not shared. */
  team: TeamStatus['team'];
  refresh(): Promise<void>;
}

export const useTeam = create<TeamStore>()((set) => ({
  team: null,
  async refresh() {
    if (!useApp.getState().status) return set({ team: null });
    try {
      set({ team: (await api.invoke('team.status', {})).team });
    } catch {
      // a workspace switching under the call: the next refresh tells
    }
  },
}));

/** Keeps the team's status fresh (who is online, the connection) and the board in step with other members' changes. */
export function connectTeam(): void {
  const refresh = () => void useTeam.getState().refresh();
  api.on('team.changed', () => {
    useApp.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
    refresh();
  });
  api.on('workspace.changed', refresh);
  setInterval(refresh, 5_000);
  refresh();
}
