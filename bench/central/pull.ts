/**
 * `npm run bench:central-pull [-- --rows 200000 --stores sqlite,postgres]`: the pull path of the central server alone,
 * at two sizes of the same country (a quarter of `--rows`, then `--rows`), so what a pulled change costs the server
 * and what a pull holds in its memory can be read apart from the push path's load:
 * - incremental pulls: the country's workstations (concurrently, as many as the server's pool) each reading the page
 *   of up to 50 changes after a cursor among the feed's last positions, as a workstation does every cycle under load
 *   (every change is pulled by the ten workstations of its center); server CPU per pulled change;
 * - full pulls: four new workstations of the largest center pulling it all from scratch at once in pages of 5,000;
 *   server CPU per pulled change;
 * - the server's resident memory: idle, and its peak over both, at each size. The budget is no growth with the
 *   number of applications.
 * The server is the bundled central/main.ts alone in its process (bench/central/processes.ts), as in bench:central.
 * `--statements` (PostgreSQL) prints the statements that took the database's time at the second size (pg_stat_statements).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPgCluster, type PgCluster } from '../../central/store/pg-cluster';
import { openStore, type StoreKind } from '../../central/store/store';
import { centerId, centerSizes, CENTERS, workstationToken, WORKSTATIONS_PER_CENTER } from './country';
import { call, pullAll } from './http';
import { bundleServer, cpuMs, rssMb, sampleMemory, startServer } from './processes';
import { seedCountry } from './seed';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    requests: { type: 'string', default: '3000' },
    /** PostgreSQL: print the statements that took the database's time in the pulls (pg_stat_statements). */
    statements: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const SMALL = Math.round(ROWS / 4);
const REQUESTS = Number(values.requests);
const POOL_SIZE = 16;
const CONCURRENCY = 16;
const INCREMENTAL_LIMIT = 50;
const FULL_LIMIT = 5_000;
const FULL_PULLERS = 4;
/** Incremental cursors fall among the feed's last positions: about a hundred changes of each center. */
const RECENT = CENTERS * 100;

interface SizeFigures {
  rows: number;
  rssIdleMb: number;
  rssPeakMb: number;
  incremental: { changes: number; cpuUsPerChange: number; ms: number };
  full: { changes: number; cpuUsPerChange: number; ms: number };
}

/** The epoch and each center's feed head (a cursor is its own center's). */
async function feedHeads(target: string): Promise<{ epoch: string; heads: number[] }> {
  const store = await openStore(target, { poolSize: 1 });
  try {
    const epoch = (await store.db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value;
    const heads: number[] = [];
    for (let c = 0; c < CENTERS; c++) heads.push(await store.maxChangeSeq(centerId(c)));
    return { epoch, heads };
  } finally {
    await store.close();
  }
}

async function measure(target: string, rows: number, largest: number): Promise<SizeFigures> {
  const { epoch, heads } = await feedHeads(target);
  const server = await startServer(target, POOL_SIZE);
  try {
    const base = new URL(server.url);
    // Warm up: the statements prepared, the code compiled, as a running server has them.
    await pullAll(base, centerId(largest), workstationToken(largest, 0), null, FULL_LIMIT);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssIdleMb = rssMb(server.pid);
    const memory = sampleMemory(server.pid, 50);

    let changes = 0;
    let left = REQUESTS;
    let cpu0 = cpuMs(server.pid);
    let t = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left-- > 0) {
          const c = Math.floor(Math.random() * CENTERS);
          const cursor = `c1.${epoch}.${heads[c]! - Math.floor(Math.random() * RECENT)}`;
          const r = await call(base, 'GET', `/v1/centers/${centerId(c)}/changes?limit=${INCREMENTAL_LIMIT}&cursor=${cursor}`, workstationToken(c, Math.floor(Math.random() * WORKSTATIONS_PER_CENTER)));
          if (r.status !== 200) throw new Error(`an incremental pull was answered ${r.status}: ${r.text.slice(0, 200)}`);
          changes += (JSON.parse(r.text) as { changes: unknown[] }).changes.length;
        }
      }),
    );
    const incremental = { changes, cpuUsPerChange: ((cpuMs(server.pid) - cpu0) * 1000) / changes, ms: performance.now() - t };

    cpu0 = cpuMs(server.pid);
    t = performance.now();
    const pulled = await Promise.all(
      Array.from({ length: FULL_PULLERS }, (_, w) => pullAll(base, centerId(largest), workstationToken(largest, w), null, FULL_LIMIT)),
    );
    const fullChanges = pulled.reduce((a, p) => a + p.records, 0);
    const full = { changes: fullChanges, cpuUsPerChange: ((cpuMs(server.pid) - cpu0) * 1000) / fullChanges, ms: performance.now() - t };
    const mem = memory.stop();
    return { rows, rssIdleMb, rssPeakMb: mem.peakMb, incremental, full };
  } finally {
    await server.stop();
  }
}

async function benchStore(kind: StoreKind, root: string): Promise<SizeFigures[]> {
  let cluster: PgCluster | null = null;
  let target = join(root, `central-${kind}.sqlite`);
  if (kind === 'postgres') {
    const statements: Record<string, string> = values.statements ? { shared_preload_libraries: "'pg_stat_statements'" } : {};
    cluster = await startPgCluster({ shared_buffers: "'512MB'", max_wal_size: "'4GB'", checkpoint_timeout: "'15min'", ...statements });
    target = await cluster.createDatabase('central_pull_bench');
  }
  try {
    const small = centerSizes(SMALL);
    const big = centerSizes(ROWS);
    const largest = big.indexOf(Math.max(...big));
    await seedCountry(target, small.map(() => 0), small);
    const first = await measure(target, SMALL, largest);
    await seedCountry(target, small, big);
    if (cluster && values.statements) await resetStatements(target);
    const second = await measure(target, ROWS, largest);
    if (cluster && values.statements) await printStatements(target);
    return [first, second];
  } finally {
    cluster?.stop();
  }
}

async function resetStatements(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await client.query('SELECT pg_stat_statements_reset()');
  await client.end();
}

/** The statements of the second size's pulls by the database's total time: calls, mean ms, rows a call. */
async function printStatements(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ calls: string; total: number; mean: number; rows: string; query: string }>(
    `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, rows, query FROM pg_stat_statements
      WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 8`,
  );
  await client.end();
  for (const s of r.rows) {
    process.stdout.write(`  ${String(Math.round(s.total)).padStart(7)} ms ${s.calls.padStart(6)} calls ${s.mean.toFixed(3).padStart(8)} ms/call ${(Number(s.rows) / Number(s.calls)).toFixed(0).padStart(5)} rows/call  ${s.query.replace(/\s+/g, ' ').slice(0, 150)}\n`);
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'sc-central-pull-bench-'));
  try {
    await bundleServer();
    process.stdout.write(`Central pull path: ${CENTERS} centers, ${SMALL.toLocaleString('en')} then ${ROWS.toLocaleString('en')} applications; ${REQUESTS} incremental pulls of ${INCREMENTAL_LIMIT}, ${FULL_PULLERS} full pulls in pages of ${FULL_LIMIT.toLocaleString('en')}\n`);
    for (const kind of values.stores!.split(',') as StoreKind[]) {
      for (const f of await benchStore(kind, root)) {
        process.stdout.write(
          `${kind.padEnd(8)} ${f.rows.toLocaleString('en').padStart(9)} apps: incremental ${f.incremental.cpuUsPerChange.toFixed(1)} µs CPU/change (${f.incremental.changes} in ${(f.incremental.ms / 1000).toFixed(1)} s), ` +
            `full ${f.full.cpuUsPerChange.toFixed(1)} µs CPU/change (${f.full.changes} in ${(f.full.ms / 1000).toFixed(1)} s), RSS ${f.rssIdleMb.toFixed(0)} idle / ${f.rssPeakMb.toFixed(0)} peak MB\n`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:central-pull failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
