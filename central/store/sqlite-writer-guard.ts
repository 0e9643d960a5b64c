import { AsyncLocalStorage } from 'node:async_hooks';
import { SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Thrown instead of a deadlock: code running inside a SQLite write transaction asked for the store's one connection
 * again (a query on the outer `store.db`, or a nested `store.write`). kysely's SqliteDialect keeps that connection
 * behind a mutex the transaction holds until COMMIT, so the query would wait for itself forever, and every later
 * request, however unrelated, would queue behind it.
 */
export class WriterReentryError extends Error {
  readonly code = 'store_writer_reentry';

  constructor(writeOpened: Error | undefined) {
    const writeStartedAt = writeOpened && openedAt(writeOpened);
    super(
      'A query used the store\'s outer handle (store.db or store.write) inside a SQLite write transaction, which holds ' +
        'the only connection until it commits: it would wait for itself forever. Run the query on the transaction ' +
        'handle that write() passed in.' +
        (writeStartedAt ? `\nThe write transaction was opened at:\n${writeStartedAt}` : ''),
    );
    this.name = 'WriterReentryError';
  }
}

interface HeldWrite {
  /** False once the transaction ended: a promise the write started but did not await may query later. */
  holding: boolean;
  /** Captured when the write began, formatted only if the guard fires (V8 formats a stack on first read). */
  readonly opened: Error;
}

export interface WriterGuardOptions {
  /**
   * Tracks the write's async context (AsyncLocalStorage) so a re-entry throws at once. On Node 20 that makes every
   * promise in the process a little dearer (about a tenth on a query-heavy loop), so production can turn it off
   * (NODE_ENV=production) and rely on the stall report alone.
   */
  reentryCheck?: boolean;
  /** A write holding the connection this long is reported (a SQLite write normally lasts milliseconds). */
  stallMs?: number;
  /** Where the stall report goes; a process warning (stderr) unless given. */
  onStall?: (report: WriterStallReport) => void;
}

/** A write transaction that has held the store's one connection for `heldMs`: every other request waits behind it. */
export class WriterStallReport extends Error {
  readonly code = 'store_writer_stalled';

  constructor(readonly heldMs: number, opened: Error) {
    super(
      `A SQLite write transaction has held the store's only connection for ${heldMs} ms, so every other request ` +
        'waits. Usually code inside the write queried store.db (or opened another write) and waits for itself; ' +
        `otherwise the write awaits something that does not come.\nThe write transaction was opened at:\n${openedAt(opened)}`,
    );
    this.name = 'WriterStallReport';
  }
}

const DEFAULT_STALL_MS = 10_000;

/**
 * Knows, per async context, whether the code running holds the SQLite writer. `hold` marks the work of one write
 * transaction (everything it awaits or starts inherits the mark through AsyncLocalStorage); the guarded dialect's
 * driver refuses to hand out the connection to marked code. Unrelated requests queue for the connection as before.
 * Whatever the mode, a write that holds the connection past `stallMs` is reported with where it was opened.
 */
export class SqliteWriterGuard {
  private readonly writes = new AsyncLocalStorage<HeldWrite>();
  private readonly reentryCheck: boolean;
  private readonly stallMs: number;
  private readonly onStall: (report: WriterStallReport) => void;

  constructor(options: WriterGuardOptions = {}) {
    this.reentryCheck = options.reentryCheck ?? process.env.NODE_ENV !== 'production';
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.onStall = options.onStall ?? ((report) => process.emitWarning(report.message, { code: report.code }));
  }

  /** Where a write is asked for, taken before it waits for the connection (after that, the caller's stack is gone). */
  static opened(): Error {
    return new Error('write opened');
  }

  async hold<T>(opened: Error, work: () => Promise<T>): Promise<T> {
    const held: HeldWrite = { holding: true, opened };
    const stall = setTimeout(() => this.onStall(new WriterStallReport(this.stallMs, opened)), this.stallMs);
    stall.unref();
    try {
      return await (this.reentryCheck ? this.writes.run(held, work) : work());
    } finally {
      held.holding = false;
      clearTimeout(stall);
    }
  }

  /** Throws when the caller's async context is inside a write that still holds the connection. */
  assertNotHolding(): void {
    const held = this.writes.getStore();
    if (held?.holding) throw new WriterReentryError(held.opened);
  }

  /** kysely's SQLite dialect whose driver asks the guard before it waits for the connection. */
  dialect(config: ConstructorParameters<typeof SqliteDialect>[0]): SqliteDialect {
    const assertNotHolding = () => this.assertNotHolding();
    return new (class extends SqliteDialect {
      override createDriver(): Driver {
        return guardedDriver(super.createDriver(), assertNotHolding);
      }
    })(config);
  }
}

function guardedDriver(inner: Driver, assertNotHolding: () => void): Driver {
  return {
    init: () => inner.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      assertNotHolding();
      return inner.acquireConnection();
    },
    beginTransaction: (c, s) => inner.beginTransaction(c, s),
    commitTransaction: (c) => inner.commitTransaction(c),
    rollbackTransaction: (c) => inner.rollbackTransaction(c),
    savepoint: inner.savepoint && ((c, name, compile) => inner.savepoint!(c, name, compile)),
    rollbackToSavepoint: inner.rollbackToSavepoint && ((c, name, compile) => inner.rollbackToSavepoint!(c, name, compile)),
    releaseSavepoint: inner.releaseSavepoint && ((c, name, compile) => inner.releaseSavepoint!(c, name, compile)),
    releaseConnection: (c) => inner.releaseConnection(c),
    destroy: () => inner.destroy(),
  };
}

/** The stack `opened()` took, less its own frame: the store's `write` and who called it. */
function openedAt(opened: Error): string {
  return (opened.stack ?? '').split('\n').slice(2, 14).join('\n');
}
