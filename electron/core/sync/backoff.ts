/**
 * Exponential backoff with full jitter (a random wait between 0 and the exponential ceiling, so a center's
 * workstations coming back after a power cut do not retry in step), with the server's Retry-After as a floor.
 * Reset on success.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

export class Backoff {
  private failures = 0;

  constructor(
    private readonly random: () => number,
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  /** The wait before the next attempt after one more failure; `retryAfterMs` (from the server) is never undercut. */
  next(retryAfterMs: number | null = null): number {
    const ceiling = Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    const jittered = Math.floor(this.random() * ceiling);
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  reset(): void {
    this.failures = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
