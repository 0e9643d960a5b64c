/**
 * Named points where a test can make the process die on the spot (DESIGN.md section 4: crashes at named points
 * chosen by an environment variable, never by timers). Outside tests the variable is unset and this is a compare.
 */
export type CrashPointName = 'before_commit' | 'after_commit' | 'migration_step_committed';

export function crashPoint(name: CrashPointName): void {
  if (process.env.CONSOLE_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * Named points where a test makes a step fail as a real fault would (a migration that meets data it did not
 * expect), chosen by `CONSOLE_FAIL_AT=<name>` or `<name>:<detail>` (e.g. `migration:5` fails migration 5 only).
 */
export type FailPointName = 'migration';

export class InjectedFailure extends Error {
  constructor(readonly point: string) {
    super(`injected failure at ${point}`);
    this.name = 'InjectedFailure';
  }
}

export function failPoint(name: FailPointName, detail?: string | number): void {
  const at = process.env.CONSOLE_FAIL_AT;
  if (!at) return;
  if (at === name || (detail !== undefined && at === `${name}:${detail}`)) throw new InjectedFailure(at);
}
