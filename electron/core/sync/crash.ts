/**
 * Named points where a sync test makes the workstation die on the spot (DESIGN.md section 4: crashes at named
 * points chosen by CONSOLE_CRASH_AT, like ../crash-point.ts for user actions). Outside tests this is a compare.
 */
export type SyncCrashPoint =
  /** The server answered a push (so it committed) and nothing of the answer is recorded yet. */
  | 'sync.push_answered'
  /** A pull page arrived and is not applied yet. */
  | 'sync.page_fetched';

export function syncCrashPoint(name: SyncCrashPoint): void {
  if (process.env.CONSOLE_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
