/** What the lead reads when the disk under a workspace is full. */
export const DISK_FULL = 'The disk is full: free some space and run it again; nothing was lost (the last step was rolled back).';
/** What the lead reads when a workspace file is damaged. */
export const DAMAGED =
  'The workspace file is damaged. Restore the latest backup (Settings → Data, or tideline workspace restore <file>), or copy out what can still be read with tideline workspace backup.';

/**
 * The plain-words message for a failure of the storage under a workspace (a full disk, a damaged
 * file), from a better-sqlite3 error, a Node file error, or the message of one that crossed a
 * thread; null for any other error.
 */
export function storageFailure(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|ENOSPC|no space left on device/i.test(message))
    return DISK_FULL;
  if (
    (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) ||
    /database disk image is malformed|file is not a database/i.test(message)
  ) {
    return DAMAGED;
  }
  return null;
}

/** A job's or a command's failure in words: storage failures explained, anything else its own message. */
export const failureMessage = (error: unknown): string => storageFailure(error) ?? (error instanceof Error ? error.message : String(error));
