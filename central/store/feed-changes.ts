import type { StoreDb } from './store-types';

/**
 * The applications each open write transaction has changed, in the order of their first change, until the store
 * gives them their feed positions. Keyed by the transaction object, so a rolled-back or retried transaction leaves
 * nothing behind.
 */
export class FeedChanges {
  private readonly byTx = new WeakMap<StoreDb, Set<string>>();

  constructor(private readonly outside: StoreDb) {}

  add(tx: StoreDb, applicationId: string): void {
    if (tx === this.outside) throw new Error('an application can change only inside a write transaction');
    let ids = this.byTx.get(tx);
    if (!ids) this.byTx.set(tx, (ids = new Set()));
    ids.add(applicationId);
  }

  /** The changed ids, forgotten once taken. */
  take(tx: StoreDb): string[] {
    const ids = this.byTx.get(tx);
    this.byTx.delete(tx);
    return ids ? [...ids] : [];
  }
}
