/**
 * Test support: the report tables as the server kept them change by change, beside the same tables derived afresh
 * from the stored records. Equal means no change missed its facts and no count drifted.
 */
import type { ApplicationRecord } from '../../../shared/domain/application';
import type { ReportCountsTable, ReportFactsTable } from '../../store/schema';
import type { CentralStore } from '../../store/store';
import { FactsBuilder } from './facts-builder';
import { CountDelta, factsRow } from './report-rows';

export interface ReportTables {
  facts: ReportFactsTable[];
  counts: ReportCountsTable[];
}

const countKey = (c: ReportCountsTable) => [c.center_id, c.tier, c.metric, String(c.day).padStart(8, '0'), c.service, c.delivery, c.key].join('\u0000');
const sortCounts = (rows: ReportCountsTable[]) => rows.sort((a, b) => (countKey(a) < countKey(b) ? -1 : 1));

export async function storedReportTables(store: CentralStore): Promise<ReportTables> {
  const facts = await store.db.selectFrom('report_facts').selectAll().orderBy('application_id').execute();
  const counts = await store.db.selectFrom('report_counts').selectAll().where('n', '<>', 0).execute();
  return { facts, counts: sortCounts(counts.map((c) => ({ ...c, n: Number(c.n) }))) };
}

export async function derivedReportTables(store: CentralStore): Promise<ReportTables> {
  const builder = await FactsBuilder.load(store.db);
  const records = await store.db.selectFrom('applications').select('record').orderBy('id').execute();
  const delta = new CountDelta();
  const facts = records.map((r) => {
    const f = builder.facts(JSON.parse(r.record) as ApplicationRecord);
    delta.apply(f, 1);
    return factsRow(f);
  });
  return { facts: facts.sort((a, b) => (a.application_id < b.application_id ? -1 : 1)), counts: sortCounts(delta.take()) };
}
