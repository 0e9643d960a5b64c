import { CentralError } from './central-client';
import type { CentralConnection } from './connection';
import { syncCrashPoint } from './crash';
import type { SyncEngineOptions } from './engine-options';
import { MAX_PUSH_OPS, PUSH_SCHEMA_VERSION } from '../../../shared/sync/push';
import type { SyncStatus } from '../../../shared/api/sync';
import { PULL_CURSOR_KEY } from '../services/pull-apply';

const MAX_PAGES_PER_CYCLE = 100_000;
/**
 * A cycle's first page is small and each next one four times larger, up to the page size: nothing is applied before
 * the first page arrives, and the server builds a large page while the console applies the one before it.
 */
const FIRST_PAGE_SIZE = 500;
const PAGE_GROWTH = 4;

export interface PhaseHooks {
  progress(progress: NonNullable<SyncStatus['progress']>): void;
  /** Throws when the core closed during the last await. */
  alive(): void;
  /** The central server answered (the link is up). */
  answered(): void;
}

/**
 * What one sync cycle does (DESIGN.md, "Sync"): push until the outbox is empty, then pull until `hasMore` is false,
 * then reference data. Any failure ends the cycle with the error; when to try again is the engine's business.
 */
export class SyncPhases {
  /** Halved by a server fault or a refused request, whole again after a success; kept across cycles. */
  private batchLimit = MAX_PUSH_OPS;

  constructor(private readonly o: SyncEngineOptions) {}

  async run(conn: CentralConnection, hooks: PhaseHooks): Promise<void> {
    await conn.ensureEnrolled();
    await this.pushAll(conn, hooks);
    await this.pullAll(conn, hooks);
    await this.pullReference(conn, hooks);
  }

  private async pushAll(conn: CentralConnection, hooks: PhaseHooks): Promise<void> {
    const { outbox, scheduler } = this.o;
    const total = outbox.pendingCount();
    let done = 0;
    hooks.progress({ phase: 'push', done, total });
    for (;;) {
      const now = scheduler.now();
      const batch = outbox.takeBatch(this.batchLimit, now);
      if (!batch.ops.length) return;
      const body = JSON.stringify({ workstation: conn.workstationId, schemaVersion: PUSH_SCHEMA_VERSION, auditHead: this.o.auditHead().hash, ops: batch.ops });
      let raw: unknown;
      try {
        raw = await conn.client.push(conn.centerId, body);
      } catch (err) {
        hooks.alive();
        const f = err instanceof CentralError ? err.failure : null;
        if (f?.kind === 'http' && (f.status === 400 || f.status === 413)) {
          // The request as a whole was refused: halve until the op at fault stands alone, then record it as refused.
          if (batch.ops.length > 1) {
            this.batchLimit = Math.max(1, Math.floor(batch.ops.length / 2));
            continue;
          }
          outbox.rejectLocally([{ opId: batch.ops[0]!.opId, code: f.status === 413 ? 'too_large' : 'malformed', message: f.message }], now);
          continue;
        }
        if (f?.kind === 'http' && f.status >= 500) {
          outbox.recordTransientFailure(batch.ops, (err as Error).message, now);
          this.batchLimit = Math.max(1, Math.floor(batch.ops.length / 2));
        }
        throw err;
      }
      hooks.alive();
      syncCrashPoint('sync.push_answered');
      const outcome = outbox.recordResponse(batch.ops, raw, scheduler.now());
      this.batchLimit = MAX_PUSH_OPS;
      hooks.answered();
      done += batch.ops.length;
      hooks.progress({ phase: 'push', done, total: Math.max(total, done) });
      if (outcome.applications.size) this.o.onQueueChanged?.('sync.push');
      this.settleReviewFlags();
    }
  }

  private async pullAll(conn: CentralConnection, hooks: PhaseHooks): Promise<void> {
    const { applier } = this.o;
    // A resync cut short (a crash, a closed laptop) starts again from the beginning.
    let resync = applier.resyncInProgress();
    if (resync) applier.beginResync();
    let changed: boolean;
    hooks.progress({ phase: 'pull', done: 0, total: null });
    // The server's largest page: fewer round trips and commits for a first pull of a whole center.
    const pageSize = this.o.pageSize ?? 5000;
    let limit = Math.min(pageSize, FIRST_PAGE_SIZE);
    const fetchPage = (cursor: string | null) => {
      const page = conn.client.changes(conn.centerId, cursor, limit);
      limit = Math.min(pageSize, limit * PAGE_GROWTH);
      // A prefetched page may never be awaited (the current one failed): its failure must not go unhandled.
      page.catch(() => undefined);
      return page;
    };
    // A first pull into an empty store builds the queue indexes once at the end instead of row by row.
    const bulk = applier.beginBulkLoad();
    try {
      const r = await this.pullPages(fetchPage, hooks, resync);
      resync = r.resync;
      changed = r.changed;
    } finally {
      if (bulk) applier.finishBulkLoad();
    }
    if (resync) {
      applier.finishResync();
      changed = true;
    }
    if (changed) this.o.onQueueChanged?.('sync.pull');
  }

  private async pullPages(
    fetchPage: (cursor: string | null) => Promise<unknown>,
    hooks: PhaseHooks,
    resyncAtStart: boolean,
  ): Promise<{ resync: boolean; changed: boolean }> {
    const { applier } = this.o;
    let resync = resyncAtStart;
    let resetSeen = false;
    let done = 0;
    let changed = false;
    let next = fetchPage(this.cursor());
    for (let pages = 0; pages < MAX_PAGES_PER_CYCLE; pages++) {
      let raw: unknown;
      try {
        raw = await next;
      } catch (err) {
        hooks.alive();
        if (err instanceof CentralError && err.isReset && !resetSeen) {
          this.o.log.warn({ code: 'central_reset' }, 'the central server asked for a full resync; the outbox is kept');
          resetSeen = true;
          resync = true;
          applier.beginResync();
          next = fetchPage(null);
          continue;
        }
        throw err;
      }
      hooks.alive();
      syncCrashPoint('sync.page_fetched');
      // The server builds the next page (in its own process) while this one is applied here. Its cursor is only
      // sent back to the server, and the page is validated before anything is stored; a crash before the store
      // leaves the local cursor where it was, so those changes come again.
      const peek = raw as { cursor?: unknown; hasMore?: unknown } | null;
      if (peek?.hasMore === true && typeof peek.cursor === 'string') next = fetchPage(peek.cursor);
      const r = applier.applyUntrusted(raw, { resync });
      this.settleReviewFlags();
      hooks.answered();
      done += r.inserted + r.updated + r.stale;
      changed ||= r.inserted + r.updated > 0;
      hooks.progress({ phase: 'pull', done, total: r.hasMore ? null : done });
      if (!r.hasMore) break;
    }
    return { resync, changed };
  }

  private async pullReference(conn: CentralConnection, hooks: PhaseHooks): Promise<void> {
    hooks.progress({ phase: 'reference', done: 0, total: 1 });
    const raw = await conn.client.reference(conn.centerId);
    hooks.alive();
    const r = this.o.reference.applyUntrusted(raw);
    if (r.changed) this.o.onReferenceChanged?.();
    if (r.deadlinesChanged) this.o.onQueueChanged?.('sync.reference');
    hooks.progress({ phase: 'reference', done: 1, total: 1 });
  }

  /** Flags the central server settled (answered without a flag, its outcome pulled) leave the review list. */
  private settleReviewFlags(): void {
    if (this.o.review && this.o.review.settle() > 0) this.o.onQueueChanged?.('sync.review');
  }

  private cursor(): string | null {
    return (this.o.sql.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(PULL_CURSOR_KEY) as string | undefined) ?? null;
  }
}
