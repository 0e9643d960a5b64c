import { sql, type Insertable, type Kysely, type OperationNodeSource } from 'kysely';
import { rowsInsert } from './json-rows';
import type { CentralSchema } from './schema';

/** A transaction of the store (the store's `StoreDb`, named here so the store's types can import this file). */
type StoreDb = Kysely<CentralSchema>;

/** Tables whose rows a transaction may append late: nothing in the transaction reads them back. */
export type AppendTable = 'effects' | 'receipts' | 'decision_checks';
type Rows = { [T in AppendTable]?: Insertable<CentralSchema[T]>[] };

/** A write made in the transaction's last statement (see `CentralStore.lastly`): a query or a raw statement. */
export type LateWrite = OperationNodeSource;

/** Runs a late write on its own (SQLite, or a transaction too large for one last statement). */
export async function runLate(tx: StoreDb, write: LateWrite): Promise<void> {
  await sql`${write}`.execute(tx);
}

/**
 * Late writes by the rows they touch: the transaction's `own` (its applications' facts, appended log rows), written
 * before the feed's counter is taken, and rows `shared` with every other transaction (the report counts), after it.
 */
export interface Late {
  own: LateWrite[];
  shared: LateWrite[];
}

/**
 * Rows a write transaction appends to the logs (the effects log, receipts, affirmed checks), kept until it ends and
 * then inserted together, a statement a table (json-rows.ts): a push of ten ops writes three statements, not thirty.
 * Keyed by the transaction object like the feed's changes, so a rolled-back or retried transaction leaves nothing.
 * The rows go in before the commit, in the order they were appended, so the effects log numbers them as before.
 */
export class PendingRows {
  private readonly byTx = new WeakMap<StoreDb, Rows>();
  private readonly lateByTx = new WeakMap<StoreDb, Late>();

  constructor(
    private readonly outside: StoreDb,
    private readonly kind: 'sqlite' | 'postgres',
  ) {}

  add<T extends AppendTable>(tx: StoreDb, table: T, rows: readonly Insertable<CentralSchema[T]>[]): void {
    if (tx === this.outside) throw new Error(`rows of ${table} are appended only inside a write transaction`);
    let pending = this.byTx.get(tx);
    if (!pending) this.byTx.set(tx, (pending = {}));
    ((pending[table] ??= []) as Insertable<CentralSchema[T]>[]).push(...rows);
  }

  /** Inserts what `tx` appended, forgetting it; a no-op for a transaction that appended nothing. */
  async flush(tx: StoreDb): Promise<void> {
    for (const insert of this.takeInserts(tx)) await runLate(tx, insert);
  }

  /** The INSERTs of what `tx` appended, in order, forgetting the rows (for a caller that runs them in one statement). */
  takeInserts(tx: StoreDb): LateWrite[] {
    const pending = this.byTx.get(tx);
    if (!pending) return [];
    this.byTx.delete(tx);
    const out: LateWrite[] = [];
    for (const [table, rows] of Object.entries(pending) as [AppendTable, Record<string, unknown>[]][]) {
      if (rows.length) out.push(rowsInsert(this.kind, table, rows));
    }
    return out;
  }

  /** Keeps `write` for the transaction's last statement (see `CentralStore.lastly`). */
  addLate(tx: StoreDb, write: LateWrite, rows: keyof Late): void {
    if (tx === this.outside) throw new Error('a late write is made only inside a write transaction');
    let late = this.lateByTx.get(tx);
    if (!late) this.lateByTx.set(tx, (late = { own: [], shared: [] }));
    late[rows].push(write);
  }

  /** The late writes of `tx`, each kind in the order they were asked for, forgotten once taken. */
  takeLate(tx: StoreDb): Late {
    const late = this.lateByTx.get(tx) ?? { own: [], shared: [] };
    this.lateByTx.delete(tx);
    return late;
  }

  forget(tx: StoreDb): void {
    this.byTx.delete(tx);
    this.lateByTx.delete(tx);
  }
}
