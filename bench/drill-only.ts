/**
 * `npm run bench:drill`: only the drill-down figures of `npm run bench`, on a store of 200,000 applications made once
 * (the same generated set and pull path as the full bench) and kept in `.tmp/bench-drill`, so a change to the
 * drill-down's queries is measured in a minute rather than a whole bench. `--rows N` sets the size, `--fresh` makes
 * the store again, `--top N` lists the N slowest figures of each kind.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateApplications, generateTrainingSet } from '../shared/training';
import { QueueFilterSchema } from '../shared/api/queue';
import { DRILL_SORT } from '../shared/reports/drill';
import { figureLinks } from '../shared/reports/links';
import { openDatabase, type Db } from '../electron/core/store/database';
import { seedTrainingOperators } from '../electron/core/training-operators';
import { qb, SqlRunner } from '../electron/core/store/sql';
import { DeadlineModel } from '../electron/core/services/deadlines';
import { PullApplier } from '../electron/core/services/pull-apply';
import { QueueQueries } from '../electron/core/services/queue-query';
import { ReportQueries } from '../electron/core/services/reports/report-query';
import { TRAINING_CENTER_ID } from '../shared/training/centers';
import { benchReports } from './reports';
import { benchDrill } from './drill';
import { ms, percentile, printTable, time } from './stats';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    fresh: { type: 'boolean', default: false },
    top: { type: 'string', default: '5' },
    runs: { type: 'string', default: '40' },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const NOW = Date.parse('2026-11-27T08:00:00Z');
const PAGE = 1000;

/** The bench's store: generated with the bench's seed and pulled page by page through the product's applier. */
function ensureStore(dir: string): void {
  const marker = join(dir, 'store.json');
  const wanted = JSON.stringify({ rows: ROWS, now: NOW, seed: 11 });
  if (!values.fresh && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`Making a store of ${ROWS.toLocaleString('en')} applications in ${dir}…\n`);
  const db = openDatabase(join(dir, 'training.sqlite'));
  const sql = new SqlRunner(db);
  const applier = new PullApplier(sql, new DeadlineModel(sql));
  const set = generateTrainingSet({ seed: 11, size: 0, now: NOW });
  sql.write(() => set.centers.forEach((c) => sql.run(qb.insertInto('centers').values(c))));
  seedTrainingOperators(sql);
  const records = [...generateApplications({ seed: 11, size: ROWS, now: NOW })];
  for (let i = 0; i < records.length; i += PAGE) {
    applier.apply({ changes: records.slice(i, i + PAGE), cursor: `bench:${i + PAGE}`, hasMore: i + PAGE < records.length });
  }
  db.exec('ANALYZE');
  db.close();
  writeFileSync(marker, wanted);
}

/** The slowest figures of one kind: first pages as opened, or facet counts. */
function slowest(queries: QueueQueries, reports: ReportQueries, period: { from: string; to: string }, kind: 'page' | 'counts', n: number) {
  const links = figureLinks(reports.report(TRAINING_CENTER_ID, period));
  const timed = links.map((l) => {
    const filter = QueueFilterSchema.parse({ report: l.drill });
    const run = kind === 'page'
      ? () => { queries.forgetFigure(); queries.page(filter, DRILL_SORT, 0, 50, NOW); }
      : () => { queries.forgetFigure(); queries.counts(filter, NOW); };
    return { key: `${l.key} (${l.value})`, p95: percentile(time(run, 9, 1), 95) };
  });
  return timed.sort((a, b) => b.p95 - a.p95).slice(0, n);
}

function main() {
  const dir = join('.tmp', 'bench-drill');
  ensureStore(dir);
  const db: Db = openDatabase(join(dir, 'training.sqlite'));
  try {
    const sql = new SqlRunner(db);
    const deadlines = new DeadlineModel(sql);
    const reports = new ReportQueries(sql, deadlines);
    const queries = new QueueQueries(sql, deadlines, TRAINING_CENTER_ID);
    const rep = benchReports(reports, db, TRAINING_CENTER_ID, NOW, 3);
    const top = Number(values.top);
    for (const kind of ['page', 'counts'] as const) {
      process.stdout.write(`slowest ${kind === 'page' ? 'first pages' : 'facet counts'}:\n`);
      for (const s of slowest(queries, reports, rep.period, kind, top)) process.stdout.write(`  ${ms(s.p95).padStart(10)}  ${s.key}\n`);
    }
    const drill = benchDrill(queries, reports, db, TRAINING_CENTER_ID, rep.period, NOW, RUNS);
    process.stdout.write(`drill-down over ${drill.links} figures: slowest page ${drill.pageWorstCase}; re-sorted ${drill.resortedWorstCase}; counts ${drill.countsWorstCase}\n`);
    printTable([
      { what: 'drill-down page p95 (worst figure, as opened)', figure: ms(drill.pageWorstP95), baseline: `${ms(drill.rawP95)} raw`, budget: '<= 10 ms', ok: drill.pageWorstP95 <= 10 },
      { what: 'drill-down page p95, re-sorted (worst column)', figure: ms(drill.resortedWorstP95), baseline: `${ms(drill.rawP95)} raw`, budget: 'reported', ok: null },
      { what: 'drill-down facet counts p95 (worst figure)', figure: ms(drill.countsWorstP95), baseline: '', budget: '<= 50 ms', ok: drill.countsWorstP95 <= 50 },
    ]);
  } finally {
    db.close();
  }
}

main();
