/**
 * Named points where a test can make the process die on the spot (DESIGN.md section 4: crashes at named points
 * chosen by an environment variable, never by timers). Outside tests the variable is unset and this is a compare.
 */
export type CrashPointName = 'before_commit' | 'after_commit';

export function crashPoint(name: CrashPointName): void {
  if (process.env.CONSOLE_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
