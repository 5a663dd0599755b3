/**
 * A time as helpdesks and exports write it, as UTC ISO 8601 (`…Z`), or null when it is none:
 * an ISO 8601 text, or Unix time as a number or a run of digits (seconds, or milliseconds from
 * 1e11 up, as no time in seconds comes near).
 */
export function iso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const unix = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : null;
  const ms = unix === null ? Date.parse(value as string) : unix < 1e11 ? unix * 1000 : unix;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
