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

/**
 * Knows, per async context, whether the code running holds the SQLite writer. `hold` marks the work of one write
 * transaction (everything it awaits or starts inherits the mark through AsyncLocalStorage); the guarded dialect's
 * driver refuses to hand out the connection to marked code. Unrelated requests queue for the connection as before.
 */
export class SqliteWriterGuard {
  private readonly writes = new AsyncLocalStorage<HeldWrite>();

  /** Where a write is asked for, taken before it waits for the connection (after that, the caller's stack is gone). */
  static opened(): Error {
    return new Error('write opened');
  }

  async hold<T>(opened: Error, work: () => Promise<T>): Promise<T> {
    const held: HeldWrite = { holding: true, opened };
    try {
      return await this.writes.run(held, work);
    } finally {
      held.holding = false;
    }
  }

  /** Throws when the caller's async context is inside a write that still holds the connection. */
  assertNotHolding(): void {
    const held = this.writes.getStore();
    if (held?.holding) throw new WriterReentryError(held.opened);
  }

  /** kysely's SQLite dialect whose driver asks the guard before it waits for the connection. */
  dialect(config: ConstructorParameters<typeof SqliteDialect>[0]): SqliteDialect {
    const guard = this;
    return new (class extends SqliteDialect {
      override createDriver(): Driver {
        return guardedDriver(super.createDriver(), guard);
      }
    })(config);
  }
}

function guardedDriver(inner: Driver, guard: SqliteWriterGuard): Driver {
  return {
    init: () => inner.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      guard.assertNotHolding();
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
