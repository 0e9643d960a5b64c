/**
 * What a database error means for the request that met it. One place for both stores, so the HTTP layer answers
 * "unavailable, retry later" (503 with Retry-After) whatever the store, and the store retries what a retry cures.
 */

const code = (err: unknown): string | undefined => {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

/**
 * PostgreSQL errors a new transaction cures: a deadlock, a serialisation failure, or a unique key a concurrent
 * transaction committed first (the retry reads that row and takes the other path).
 */
export function isRetryableConflict(err: unknown): boolean {
  const c = code(err);
  return c === '40P01' || c === '40001' || c === '23505';
}

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The database cannot be reached or is going away, so the request failed without being applied: a connection
 * refused or dropped, a server shutting down or starting up, too many connections, no connection from the pool in
 * time; on SQLite, a write lock another process held past the busy timeout.
 */
export function isStoreUnavailable(err: unknown): boolean {
  const c = code(err);
  if (c !== undefined) {
    if (UNAVAILABLE_NODE_CODES.has(c)) return true;
    if (/^08/.test(c) || c === '57P01' || c === '57P02' || c === '57P03' || c === '53300') return true;
    if (c === 'SQLITE_BUSY' || c === 'SQLITE_BUSY_SNAPSHOT' || c === 'SQLITE_BUSY_TIMEOUT') return true;
  }
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}
