export interface RateLimitOptions {
  /** Pushes a workstation may make in a burst. */
  burst: number;
  /** Pushes per second the bucket refills at. */
  perSecond: number;
}

/**
 * A token bucket per workstation, on the server's (injectable) clock. An empty bucket answers with the seconds until
 * the next token, for the Retry-After header (whole seconds, at least 1).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    b.tokens = Math.min(this.options.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.options.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.options.perSecond)) };
  }
}
