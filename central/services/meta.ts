import { sql } from 'kysely';
import { newEpoch } from '../store/database';
import type { StoreDb } from '../store/store';

/**
 * Small settings of the central store kept in `meta`: the epoch, the reference-data version, the fees. Stateless:
 * every call names the connection or transaction it runs on.
 */
export class MetaStore {
  async get(db: StoreDb, key: string): Promise<string | undefined> {
    return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  async set(tx: StoreDb, key: string, value: string): Promise<void> {
    await tx.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }

  async epoch(db: StoreDb): Promise<string> {
    const epoch = await this.get(db, 'epoch');
    if (epoch === undefined) throw new Error('the central store has no epoch');
    return epoch;
  }

  /** A new epoch: every cursor issued before now is answered with a reset (a forced resync of all workstations). */
  async renewEpoch(tx: StoreDb): Promise<string> {
    const e = newEpoch();
    await this.set(tx, 'epoch', e);
    return e;
  }

  async referenceVersion(db: StoreDb): Promise<number> {
    return Number((await this.get(db, 'reference_version')) ?? '1');
  }

  /**
   * Called in the transaction that changes any reference data, so workstations see a new version. One statement,
   * so two processes bumping at once give two versions, never the same one twice.
   */
  async bumpReferenceVersion(tx: StoreDb): Promise<number> {
    const row = await tx
      .insertInto('meta')
      .values({ key: 'reference_version', value: '2' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}
