import type { CentralContext } from './context';

export interface RateLimitOptions {
  /** Pushes a workstation may make in a burst. */
  burst: number;
  /** Pushes per second the bucket refills at. */
  perSecond: number;
}

export type ThrottleAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A token bucket per workstation, on the server's (injectable) clock, kept in the store: every server process on one
 * database draws from the same bucket, and the row lock makes two requests at once take two tokens. An empty bucket
 * answers with the seconds until the next token, for the Retry-After header (whole seconds, at least 1), and writes
 * nothing: the refill is computed from the last taken token's time.
 */
export class PushThrottle {
  constructor(
    private readonly s: CentralContext,
    private readonly options: RateLimitOptions,
  ) {}

  take(key: string): Promise<ThrottleAnswer> {
    const { burst, perSecond } = this.options;
    return this.s.store.write(async (tx) => {
      const now = this.s.now();
      await tx.insertInto('throttle_buckets').values({ key, tokens: burst, updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const bucket = await this.s.store.forUpdate(tx.selectFrom('throttle_buckets').select(['tokens', 'updated_at']).where('key', '=', key)).executeTakeFirstOrThrow();
      const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.updated_at) / 1000) * perSecond);
      if (tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
      await tx.updateTable('throttle_buckets').set({ tokens: tokens - 1, updated_at: now }).where('key', '=', key).execute();
      return { ok: true };
    });
  }
}
