/**
 * `npm run bench:central [-- --short]`: the load test of the country (30 centers, 10 workstations each, 1,000,000
 * applications; `--short` 100,000) on SQLite and on PostgreSQL in one run, each figure beside a baseline of the same
 * store measured in the same run (bench/central/raw.ts).
 *
 * Per store: the country is seeded in bulk at the smaller size (a tenth, a quarter with --short), a first phase of
 * load runs, the store is grown to the full size, and the main phase runs: every workstation pushes a batch of
 * decisions on a fixed period and pulls the changes after its cursor, intake files new applications, and halfway a new
 * workstation of the 2 % center pulls everything from scratch. Then, with the country quiet, the same full pull again;
 * then the server is stopped and the baselines run on the store.
 *
 * Processes (2 cores): the server is central/main.ts bundled and run by plain Node, alone in its process, whose memory
 * and CPU are read from /proc; PostgreSQL is its own cluster (its CPU read the same way); the load comes from two
 * forked generator processes. Nothing is pinned to a core: the scheduler shares both among all of them, and the table
 * says how much CPU each side took, so what the server needed per op is visible beside what the machine had.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPgCluster, type PgCluster } from '../../central/store/pg-cluster';
import { openStore, type StoreKind } from '../../central/store/store';
import { percentile } from '../stats';
import { centerId, centerSizes, CENTERS, PULLED_CENTER } from './country';
import { pullAll } from './http';
import type { PhaseFigures, StoreFigures } from './figures';
import type { LoadConfig } from './load';
import { ADMIN_TOKEN, bundleServer, clusterCpuMs, cpuSplitMs, mergeStats, rssMb, runGenerators, sampleMemory, startServer, type ServerProcess } from './processes';
import { rawDecisions, rawPages } from './raw';
import { NEW_WORKSTATION, seedCountry } from './seed';
import { printSideBySide, type StoreColumn } from './table';
import { printStatements, resetStatements, statementSettings } from './pg-statements';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    rows: { type: 'string' },
    seconds: { type: 'string' },
    offered: { type: 'string' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    servers: { type: 'string', default: '1' },
  },
});
const SHORT = values.short!;
const ROWS = Number(values.rows ?? (SHORT ? 100_000 : 1_000_000));
const SMALL = Math.round(ROWS / (SHORT ? 4 : 10));
const SECONDS = Number(values.seconds ?? (SHORT ? 20 : 60));
const SMALL_SECONDS = SHORT ? 10 : 20;
/**
 * Offered load: 2,400 decision ops a second across the country (the budget is 2,000), ten ops a push. The offer is at
 * a fixed rate, so above what the machine can apply the push latency is queueing that grows with the run; `--offered`
 * measures the latency at a rate the machine sustains.
 */
const OFFERED_OPS = Number(values.offered ?? 2_400);
const APPS_PER_PUSH = 5;
const INTAKE_PER_SECOND = 20;
const PULL_LIMIT = 5_000;
const POOL_SIZE = 16;
const STORES = values.stores!.split(',') as StoreKind[];
/** Server processes on the one PostgreSQL database (SQLite runs one), the pool shared out among them. */
const SERVERS = Number(values.servers);

/** Each center's feed position, the cursor its workstations start from (a cursor is its own center's). */
async function feedPositions(target: string): Promise<string[]> {
  const store = await openStore(target, { poolSize: 1 });
  try {
    const epoch = (await store.db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value;
    const out: string[] = [];
    for (let c = 0; c < CENTERS; c++) out.push(`c1.${epoch}.${await store.maxChangeSeq(centerId(c))}`);
    return out;
  } finally {
    await store.close();
  }
}

/**
 * One phase of load against fresh server processes on the store (`processes` of them on PostgreSQL, the workstations
 * of each generator on one of them); the first is left running for `after`.
 */
async function phase(
  target: string,
  cluster: PgCluster | null,
  sizes: { rows: number; from: number[]; to: number[] },
  seconds: number,
  joiningPull: boolean,
  after: (url: string) => Promise<void> = async () => {},
): Promise<PhaseFigures> {
  const cursors = await feedPositions(target);
  const processes = cluster ? SERVERS : 1;
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(target, Math.ceil(POOL_SIZE / processes)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pids = servers.map((s) => s.pid);
    const rssIdleMb = Math.max(...pids.map(rssMb));
    const memory = pids.map((pid) => sampleMemory(pid));
    if (cluster) await resetStatements(target);
    const cpu = () => pids.map(cpuSplitMs).reduce((a, t) => ({ user: a.user + t.user, system: a.system + t.system }), { user: 0, system: 0 });
    const cpu0 = cpu();
    const db0 = cluster ? clusterCpuMs(cluster.dataDir) : 0;
    const generators = [0, 1].map(
      (g): LoadConfig => ({
        url: servers[g % processes]!.url, adminToken: ADMIN_TOKEN, cursors,
        centers: Array.from({ length: CENTERS }, (_, c) => c).filter((c) => c % 2 === g),
        durationMs: seconds * 1000,
        opsPerSecond: OFFERED_OPS / (CENTERS * 10),
        appsPerPush: APPS_PER_PUSH,
        openFrom: sizes.from, openTo: sizes.to,
        pullLimit: PULL_LIMIT,
        intakePerSecond: g === 0 ? INTAKE_PER_SECOND : 0,
        intakePrefix: `in-${sizes.rows}`,
        joiningPull: joiningPull && g === 0,
      }),
    );
    const stats = mergeStats(await runGenerators(generators));
    const mem = memory.map((m) => m.stop());
    const cpu1 = cpu();
    const figures: PhaseFigures = {
      rows: sizes.rows, stats, seconds: stats.elapsedMs / 1000, processes, rssIdleMb,
      rssPeakMb: Math.max(...mem.map((m) => m.peakMb)), rssMeanMb: Math.max(...mem.map((m) => m.meanMb)),
      serverCpuMs: cpu1.user + cpu1.system - cpu0.user - cpu0.system,
      serverSystemCpuMs: cpu1.system - cpu0.system,
      databaseCpuMs: cluster ? clusterCpuMs(cluster.dataDir) - db0 : 0,
    };
    if (cluster) await printStatements(target, stats.pushes, (line) => process.stdout.write(`${line}\n`));
    await after(servers[0]!.url);
    return figures;
  } finally {
    for (const s of servers) await s.stop();
  }
}

async function benchStore(kind: StoreKind, root: string): Promise<StoreFigures> {
  const log = (line: string) => process.stdout.write(`[${kind}] ${line}\n`);
  let cluster: PgCluster | null = null;
  let target = join(root, 'central.sqlite');
  if (kind === 'postgres') {
    // Production-like buffers and WAL room for the bulk load; fsync and synchronous_commit stay on.
    cluster = await startPgCluster({ shared_buffers: "'512MB'", max_wal_size: "'4GB'", checkpoint_timeout: "'15min'", ...statementSettings() });
    target = await cluster.createDatabase('central_bench');
  }
  try {
    const small = centerSizes(SMALL);
    const big = centerSizes(ROWS);
    const zeros = small.map(() => 0);
    log(`seeding ${SMALL.toLocaleString('en')} applications in bulk…`);
    const seedSmall = await seedCountry(target, zeros, small);
    log(`  ${(seedSmall.ms / 1000).toFixed(1)} s (${Math.round(seedSmall.rowsPerSec).toLocaleString('en')} rows/s); load for ${SMALL_SECONDS} s…`);
    const smallPhase = await phase(target, cluster, { rows: SMALL, from: zeros, to: small }, SMALL_SECONDS, false);
    log(`  ${describe(smallPhase)}`);
    log(`growing to ${ROWS.toLocaleString('en')} applications…`);
    const seedBig = await seedCountry(target, small, big);
    log(`  ${(seedBig.ms / 1000).toFixed(1)} s (${Math.round(seedBig.rowsPerSec).toLocaleString('en')} rows/s); load for ${SECONDS} s…`);
    let quietPull = { applications: 0, ms: 0 };
    const bigPhase = await phase(target, cluster, { rows: ROWS, from: small, to: big }, SECONDS, true, async (url) => {
      const t = performance.now();
      const r = await pullAll(new URL(url), centerId(PULLED_CENTER), NEW_WORKSTATION.token, null, PULL_LIMIT);
      quietPull = { applications: r.records, ms: performance.now() - t };
    });
    log(`  ${describe(bigPhase)}; quiet full pull ${quietPull.applications} in ${(quietPull.ms / 1000).toFixed(2)} s`);
    log('baselines on the store…');
    const decisions = await rawDecisions(target, { seconds: SHORT ? 5 : 10, connections: POOL_SIZE, appsPerTx: APPS_PER_PUSH, perCenter: big });
    const pages = await rawPages(target, PULL_LIMIT);
    return { kind, seedSmall, seedBig, small: smallPhase, big: bigPhase, quietPull, raw: { decisions, pages } };
  } finally {
    cluster?.stop();
  }
}

function describe(p: PhaseFigures): string {
  const s = p.stats;
  return `${Math.round((s.results.applied ?? 0) / p.seconds)} ops/s applied, push p50/p99 ${percentile(s.pushMs, 50).toFixed(0)}/${percentile(s.pushMs, 99).toFixed(0)} ms, ${Math.round(s.pulledChanges / p.seconds)} changes/s pulled, ${s.intake} filed, failures ${JSON.stringify(s.failures)}, RSS ${p.rssIdleMb.toFixed(0)} idle / ${p.rssPeakMb.toFixed(0)} peak MB, server CPU (${p.processes} process${p.processes > 1 ? 'es' : ''}) ${(p.serverCpuMs / 1000).toFixed(1)} s (${(p.serverSystemCpuMs / 1000).toFixed(1)} s in the kernel), database CPU ${(p.databaseCpuMs / 1000).toFixed(1)} s`;
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'sc-central-bench-'));
  try {
    await bundleServer();
    process.stdout.write(`Central load test: ${CENTERS} centers × 10 workstations, ${ROWS.toLocaleString('en')} applications (memory also at ${SMALL.toLocaleString('en')})${SHORT ? ', short run' : ''}\n`);
    const columns: StoreColumn[] = [];
    for (const kind of STORES) columns.push({ kind, figures: await benchStore(kind, root) });
    process.stdout.write(`\nFigures at ${ROWS.toLocaleString('en')} applications${SHORT ? ' (short run)' : ''}:\n`);
    printSideBySide(columns, { short: SHORT, offeredOps: OFFERED_OPS, appsPerPush: APPS_PER_PUSH, pulledShare: centerSizes(ROWS)[PULLED_CENTER]! });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:central failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
