import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What a member presents to the team server. Joining with the team secret (from an invite)
 * registers the member's own key; from then on the member connects with that key, so removing
 * one member revokes one key, and rotating the team secret keeps the removed member from
 * joining again with an old invite.
 */
export interface TeamCredentials {
  member: string;
  /** Shown to the other members. */
  name: string;
  key: string;
  /** Only when joining (or creating the team): the team secret from the invite. */
  secret?: string;
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function newId(): string {
  return randomBytes(9).toString('base64url');
}

export function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Whether `given` hashes to `stored`, in time that does not depend on where they differ. */
export function sameSecret(given: string, stored: Buffer): boolean {
  const candidate = digest(given);
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

export function parseCredentials(token: string): TeamCredentials | null {
  try {
    const value = JSON.parse(token) as Partial<TeamCredentials>;
    const text = (x: unknown, max: number) => typeof x === 'string' && x.length > 0 && x.length <= max;
    if (!text(value.member, 64) || !text(value.key, 128) || !text(value.name ?? 'x', 120)) return null;
    if (value.secret !== undefined && !text(value.secret, 128)) return null;
    return { member: value.member!, name: value.name ?? value.member!, key: value.key!, secret: value.secret };
  } catch {
    return null;
  }
}
