/**
 * `npm run bench:central-reports [-- --short] [--applications N] [--store sqlite|postgres|both]`: the central
 * server's report on both stores (PostgreSQL where installed; this process starts a throwaway cluster).
 * - The all-centers report of a half-year at 1,000,000 applications across 30 centers (100,000 with --short), p95
 *   against the 1 s budget, beside a raw-SQL baseline of the same aggregate measured in the same run: the summary
 *   figures of the period and the previous one counted straight from `report_facts` in one query.
 * - The push path with and without the report facts kept in its transaction: 10,000 ops (a claim and an approval
 *   per application) in batches of 500.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { MAX_PUSH_OPS, type PushOp } from '../shared/sync/push';
import { isoToDayNumber } from '../shared/domain/kyiv-time';
import { CentralReportService } from '../central/services/reports/report-service';
import { freshStoreTarget } from '../central/store/store-testing';
import { postgresBinDir } from '../central/store/pg-cluster';
import { openStore, type StoreKind } from '../central/store/store';
import { ALL_TICKED, CENTER, call, pushBody, sampleIntake, seedWorld } from '../central/test-fixtures';
import { startTempCentral } from '../central/testing';
import { buildCentralReportStore, CENTERS } from './central-report-store';
import { ms, percentile, printTable, type Row } from './stats';

const { values } = parseArgs({
  options: { short: { type: 'boolean', default: false }, applications: { type: 'string' }, store: { type: 'string', default: 'both' }, runs: { type: 'string' } },
});
const SHORT = values.short!;
const SIZE = Number(values.applications ?? (SHORT ? 100_000 : 1_000_000));
const RUNS = Number(values.runs ?? (SHORT ? 10 : 20));
const PUSH_OPS = SHORT ? 2_000 : 10_000;
const NOW = Date.parse('2026-11-27T08:00:00Z');
const HALF_YEAR = { from: '2026-05-01', to: '2026-10-31' };
const BUDGET_MS = 1000;

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** The same summary the report leads with, counted straight from the facts in one query (every center). */
function rawSummary(from: number, to: number, pf: number, pt: number) {
  return sql`SELECT
    count(*) FILTER (WHERE submitted_day BETWEEN ${from} AND ${to}) AS received,
    count(*) FILTER (WHERE decision = 'approved' AND decided_day BETWEEN ${from} AND ${to}) AS approved,
    count(*) FILTER (WHERE decision = 'refused' AND decided_day BETWEEN ${from} AND ${to}) AS refused,
    count(*) FILTER (WHERE cancelled_day BETWEEN ${from} AND ${to}) AS cancelled,
    count(*) FILTER (WHERE submitted_day <= ${to} AND (decided_day IS NULL OR decided_day > ${to})) AS undecided,
    count(*) FILTER (WHERE shipped_day BETWEEN ${from} AND ${to}) AS shipped,
    count(*) FILTER (WHERE handed_day BETWEEN ${from} AND ${to}) AS handed,
    count(*) FILTER (WHERE pickup_from_day <= ${to} AND (pickup_until_day IS NULL OR pickup_until_day > ${to})) AS awaiting,
    count(*) FILTER (WHERE submitted_day BETWEEN ${pf} AND ${pt}) AS p_received,
    count(*) FILTER (WHERE decision = 'approved' AND decided_day BETWEEN ${pf} AND ${pt}) AS p_approved,
    count(*) FILTER (WHERE decision = 'refused' AND decided_day BETWEEN ${pf} AND ${pt}) AS p_refused,
    count(*) FILTER (WHERE submitted_day <= ${pt} AND (decided_day IS NULL OR decided_day > ${pt})) AS p_undecided
    FROM report_facts`;
}

async function benchReport(kind: StoreKind, rows: Row[]): Promise<void> {
  const target = await freshStoreTarget(kind);
  const store = await openStore(target.target, { poolSize: 4 });
  try {
    process.stdout.write(`[${kind}] building the report tables of ${SIZE.toLocaleString('en')} applications across ${CENTERS.length} centers…\n`);
    const built = await buildCentralReportStore(store, SIZE, HALF_YEAR.from, HALF_YEAR.to, (n) => {
      if (n % 100_000 < SIZE / 46) process.stdout.write(`  ${n.toLocaleString('en')}\n`);
    });
    process.stdout.write(`  ${built.facts.toLocaleString('en')} facts rows, ${built.counts.toLocaleString('en')} count rows in ${(built.ms / 1000).toFixed(0)} s (not timed)\n`);
    const reports = new CentralReportService({ store, now: () => NOW });
    let received = 0;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const national = await timeAsync(async () => (received = (await reports.report(HALF_YEAR)).received), RUNS);
    gc();
    const heapGrowthMb = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / 1_048_576);
    const oneCenter = await timeAsync(() => reports.report({ ...HALF_YEAR, center: CENTERS[7]! }), RUNS);
    const lastWeek = await timeAsync(() => reports.report({ from: '2026-10-19', to: '2026-10-25' }), RUNS);
    const f = isoToDayNumber(HALF_YEAR.from);
    const t = isoToDayNumber(HALF_YEAR.to);
    const raw = await timeAsync(() => rawSummary(f, t, 2 * f - t - 1, f - 1).execute(store.db), Math.max(3, Math.round(RUNS / 4)), 1);
    const p95 = percentile(national, 95);
    rows.push(
      { what: `[${kind}] all centers, half-year (${received.toLocaleString('en')} received), p95`, figure: ms(p95), baseline: `${ms(percentile(raw, 95))} raw summary`, budget: `<= ${BUDGET_MS} ms`, ok: p95 <= BUDGET_MS },
      { what: `[${kind}] one center, half-year, p95`, figure: ms(percentile(oneCenter, 95)), baseline: '', budget: '', ok: null },
      { what: `[${kind}] all centers, a week, p95`, figure: ms(percentile(lastWeek, 95)), baseline: '', budget: '', ok: null },
      { what: `[${kind}] heap growth over ${RUNS + 2} national reports`, figure: `${heapGrowthMb.toFixed(1)} MB`, baseline: '', budget: 'flat', ok: null },
    );
  } finally {
    await store.close();
    await target.dispose();
  }
}

/** Pushes PUSH_OPS ops (a claim and an approval per application) in batches of 500; with the report facts or without. */
async function benchPush(kind: StoreKind, withFacts: boolean): Promise<{ total: number; p50: number }> {
  const server = await startTempCentral({ store: kind, now: () => NOW });
  try {
    if (!withFacts) {
      // The push path as it was before the report facts: what the keeper is told is dropped (measuring only).
      const keeper = server.services.apps.reportFacts;
      keeper.changed = () => undefined;
      keeper.received = () => undefined;
    }
    const { tokens } = await seedWorld(server);
    const apps = PUSH_OPS / 2;
    for (let n = 1; n <= apps; n++) await server.admin.intake(sampleIntake(n));
    const ops: PushOp[] = [];
    for (let n = 1; n <= apps; n++) {
      const base = { scope: 'application' as const, applicationId: `app-${String(n).padStart(6, '0')}`, clientTime: '2026-11-27T07:00:00.000Z', operatorId: 'op-admin-1', baseVersion: null };
      ops.push({ ...base, opId: randomUUID(), seq: ops.length + 1, type: 'claim', args: {} });
      ops.push({ ...base, opId: randomUUID(), seq: ops.length + 1, type: 'approve', args: { manualChecks: ALL_TICKED } });
    }
    const times: number[] = [];
    for (let i = 0; i < ops.length; i += MAX_PUSH_OPS) {
      const t = performance.now();
      const res = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: tokens.a, body: pushBody('ws-a', ops.slice(i, i + MAX_PUSH_OPS)) });
      if (res.status !== 200) throw new Error(`push answered ${res.status}`);
      times.push(performance.now() - t);
    }
    return { total: times.reduce((s, x) => s + x, 0), p50: percentile(times, 50) };
  } finally {
    await server.dispose();
  }
}

async function main() {
  const kinds: StoreKind[] = values.store === 'both' ? ['sqlite', ...(postgresBinDir() ? (['postgres'] as const) : [])] : [values.store as StoreKind];
  const rows: Row[] = [];
  for (const kind of kinds) {
    await benchReport(kind, rows);
    // Alternating, so neither side gets the quieter moment of a busy machine.
    const before = [];
    const after = [];
    for (let i = 0; i < 2; i++) {
      before.push(await benchPush(kind, false));
      after.push(await benchPush(kind, true));
    }
    const best = (xs: { total: number; p50: number }[]) => xs.reduce((a, b) => (a.total < b.total ? a : b));
    const b = best(before);
    const a = best(after);
    rows.push({
      what: `[${kind}] push ${PUSH_OPS.toLocaleString('en')} ops in batches of 500, with report facts`,
      figure: `${(a.total / 1000).toFixed(2)} s (batch p50 ${ms(a.p50)})`,
      baseline: `${(b.total / 1000).toFixed(2)} s without`,
      budget: `+${(((a.total - b.total) / b.total) * 100).toFixed(0)} %`,
      ok: null,
    });
  }
  printTable(rows);
  if (rows.some((r) => r.ok === false)) process.exitCode = 1;
}

await main();
