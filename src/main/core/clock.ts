/**
 * The engine's clock. Everything that stamps a time (drafts, approvals, audit rows) asks it, so a
 * simulation can replay weeks of review in seconds with the times it simulates.
 */
let fixed: Date | null = null;

export function now(): Date {
  return fixed ? new Date(fixed) : new Date();
}

/** Runs `work` with the clock stopped at `at` (synchronous work, or awaited work in this process). */
export async function atTime<T>(at: Date, work: () => Promise<T> | T): Promise<T> {
  const previous = fixed;
  fixed = at;
  try {
    return await work();
  } finally {
    fixed = previous;
  }
}
