import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** How often a process renews the heartbeat of the jobs it owns. */
export const HEARTBEAT_MS = 2_000;
/** A heartbeat older than this means the owner stopped (hung, or on another machine and gone). */
export const LEASE_MS = 15_000;

/** This process's name for the jobs it owns: host, pid, and an id per runner (one per open workspace). */
export function newOwner(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/** Whether a process is running on this machine. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/**
 * Whether the owner of a job still runs it: its heartbeat is fresh and, on this machine, its
 * process exists. A process killed a moment ago is known dead at once by its pid; one on
 * another machine (a workspace on a shared folder) once its lease runs out.
 */
export function ownerAlive(owner: string | null, heartbeatAt: number | null, now = Date.now()): boolean {
  if (!owner || heartbeatAt === null || now - heartbeatAt > LEASE_MS) return false;
  const [host, pid] = owner.split('/');
  return host !== hostname() || pidAlive(Number(pid));
}
