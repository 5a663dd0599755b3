/** A workspace's place in a team that reviews together (see Settings → Team). */
export interface TeamMemberInfo {
  member: string;
  name: string;
  online: boolean;
  joinedAt: string;
  lastSeenAt: string;
  removedAt: string | null;
  /** This machine. */
  you: boolean;
}

export interface TeamStatus {
  /** Null when the workspace is not shared. */
  team: {
    server: string;
    id: string;
    member: string;
    name: string;
    /** The member who shared the workspace learns from the helpdesk; the others review. */
    learner: boolean;
    /** 'online', 'offline' (changes wait and sync on reconnecting), 'connecting', or 'refused' (see `problem`). */
    connection: 'connecting' | 'online' | 'offline' | 'refused';
    problem: string | null;
    /** Cards on the shared board. */
    cards: number;
    /** Members as the server last told them; empty while offline. */
    members: TeamMemberInfo[];
    /** Cards other members have open now. */
    looking: TeamLooking[];
  } | null;
}

export interface TeamInvite {
  /** Paste it into Settings → Team → Join a team, or `tideline team join`. It carries the team secret: share it privately. */
  invite: string;
}

/** Other members who have a card open now. */
export interface TeamLooking {
  draftId: number;
  names: string[];
}
