import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from './migrations';
import { PG_LATEST_VERSION } from './pg-schema';
import { openStore, type CentralStore } from './store';
import { freshStoreTarget, testStoreKind } from './store-testing';

/** The two stores' schemas are one schema: the same tables with the same columns, at the same version. */
async function columns(store: CentralStore): Promise<Record<string, string[]>> {
  const rows =
    store.kind === 'sqlite'
      ? (await sql<{ t: string; c: string }>`SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`.execute(store.db)).rows
      : (await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('schema_version', 'feed_counter', 'feed_counters')`.execute(store.db)).rows;
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.t] ??= []).push(r.c);
  for (const t of Object.keys(out)) out[t]!.sort();
  return out;
}

// Compares both stores, so it runs in the PostgreSQL run (which has SQLite too).
describe.skipIf(testStoreKind() !== 'postgres')('store schemas', () => {
  const stores: CentralStore[] = [];
  const disposals: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const kind of ['sqlite', 'postgres'] as const) {
      const t = await freshStoreTarget(kind);
      disposals.push(t.dispose);
      stores.push(await openStore(t.target));
    }
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of disposals) await d();
  });

  it('SQLite and PostgreSQL have the same tables and columns at the same version', async () => {
    expect(PG_LATEST_VERSION).toBe(LATEST_VERSION);
    const [lite, pg] = [await columns(stores[0]!), await columns(stores[1]!)];
    expect(Object.keys(lite).sort()).toEqual(Object.keys(pg).sort());
    expect(pg).toEqual(lite);
  });

  it('a new store of either kind starts with the same reference data (fees, version, refusal catalogue)', async () => {
    const seed = async (store: CentralStore) => ({
      meta: await store.db.selectFrom('meta').selectAll().where('key', '<>', 'epoch').orderBy('key').execute(),
      reasons: await store.db.selectFrom('refusal_reasons').selectAll().orderBy('code').execute(),
    });
    const [lite, pg] = [await seed(stores[0]!), await seed(stores[1]!)];
    expect(lite.reasons.length).toBeGreaterThan(0);
    expect(pg).toEqual(lite);
  });
});
