import type BetterSqlite3 from 'better-sqlite3';
import type { ApplicationRecord } from '../../../shared/domain/application';
import type { ReportCountsTable, ReportFactsTable, SchemaDb as StoreDb } from '../../store/schema';
import { FactsBuilder, calendarOf, type PeriodRow } from './facts-builder';
import { CountDelta, FACT_COLUMNS, factsRow } from './report-rows';

/** Rows per statement: 34 facts columns x 400 and 8 count columns x 1000 stay under both stores' parameter limits. */
const FACT_ROWS = 400;
const COUNT_ROWS = 1000;

/** Facts rows in, replacing an application's earlier row (kysely's upsert, alike on both stores). */
export async function upsertFacts(tx: StoreDb, rows: readonly ReportFactsTable[]): Promise<void> {
  for (const write of factWrites(tx, rows)) await write.execute();
}

/** The statements of `upsertFacts`, for a caller that runs them later (`CentralStore.lastly`). */
export function factWrites(tx: StoreDb, rows: readonly ReportFactsTable[]) {
  const set = Object.fromEntries(FACT_COLUMNS.filter((c) => c !== 'application_id').map((c) => [c, (eb: { ref(c: string): unknown }) => eb.ref(`excluded.${c}`)]));
  const out = [];
  for (let i = 0; i < rows.length; i += FACT_ROWS) {
    out.push(
      tx
        .insertInto('report_facts')
        .values(rows.slice(i, i + FACT_ROWS))
        .onConflict((oc) => oc.column('application_id').doUpdateSet(set as never)),
    );
  }
  return out;
}

/** The key of a count row. */
export const COUNT_KEY = ['center_id', 'tier', 'metric', 'day', 'service', 'delivery', 'key'] as const;

/** Adds count differences (rows in key order, so concurrent writers lock them in the same order). */
export async function addCounts(tx: StoreDb, rows: readonly ReportCountsTable[]): Promise<void> {
  for (const write of countWrites(tx, rows)) await write.execute();
}

/** The statements that add count differences, for a caller that runs them later (`CentralStore.lastly`). */
export function countWrites(tx: StoreDb, rows: readonly ReportCountsTable[]) {
  const out = [];
  for (let i = 0; i < rows.length; i += COUNT_ROWS) {
    out.push(
      tx
        .insertInto('report_counts')
        .values(rows.slice(i, i + COUNT_ROWS))
        .onConflict((oc) =>
          oc.columns([...COUNT_KEY]).doUpdateSet((eb) => ({ n: eb('report_counts.n', '+', eb.ref('excluded.n')) })),
        ),
    );
  }
  return out;
}

const PAGE = 1000;

/** Fills the report tables from every stored record (PostgreSQL's step 9, in its migration transaction). */
export async function backfillReportFacts(tx: StoreDb): Promise<number> {
  const builder = await FactsBuilder.load(tx);
  let last = '';
  let n = 0;
  for (;;) {
    const page = await tx.selectFrom('applications').select(['id', 'record']).where('id', '>', last).orderBy('id').limit(PAGE).execute();
    if (!page.length) break;
    const delta = new CountDelta();
    const rows = page.map((r) => {
      const f = builder.facts(JSON.parse(r.record) as ApplicationRecord);
      delta.apply(f, 1);
      return factsRow(f);
    });
    await upsertFacts(tx, rows);
    await addCounts(tx, delta.take());
    n += page.length;
    last = page[page.length - 1]!.id;
  }
  return n;
}

/** The same for SQLite's migration 009, which runs on the synchronous connection. */
export function backfillReportFactsSqlite(db: BetterSqlite3.Database): number {
  const builder = new FactsBuilder(
    calendarOf(db.prepare('SELECT day FROM non_working_days').all() as { day: string }[]),
    db.prepare('SELECT center_id, starts_at, ends_at FROM force_majeure_periods').all() as PeriodRow[],
  );
  const insertFact = db.prepare(`INSERT INTO report_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const addCount = db.prepare(`INSERT INTO report_counts (center_id, tier, metric, day, service, delivery, key, n)
    VALUES (@center_id, @tier, @metric, @day, @service, @delivery, @key, @n)
    ON CONFLICT (center_id, tier, metric, day, service, delivery, key) DO UPDATE SET n = n + excluded.n`);
  const page = db.prepare<[string], { id: string; record: string }>('SELECT id, record FROM applications WHERE id > ? ORDER BY id LIMIT 1000');
  let n = 0;
  for (let last = '', rows = page.all(last); rows.length; rows = page.all(last)) {
    const delta = new CountDelta();
    for (const r of rows) {
      const f = builder.facts(JSON.parse(r.record) as ApplicationRecord);
      delta.apply(f, 1);
      insertFact.run(factsRow(f));
    }
    for (const c of delta.take()) addCount.run(c);
    n += rows.length;
    last = rows[rows.length - 1]!.id;
  }
  return n;
}
