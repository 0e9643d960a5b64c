/**
 * `npm run central -- [--db file|postgres://…] [--pool-size n] [--port n] [--training] [--training-size n]
 *   [--training-seed n] [--now iso|ms] [--hostile] [--admin-token t] [--enrolment-retry-minutes n] [--releases dir]
 *   [--push-burst n --push-rate per-second] [--log]`, or `npm run central -- releases …` (releases/cli.ts), or
 *   `npm run central -- centers|operators …` (operators/cli.ts), or
 *   `npm run central -- migrate-store --from file --to postgres://…` / `backup --db file --to file` (operations/cli.ts)
 *
 * Starts the reference central server on 127.0.0.1 over a SQLite file (the default, central.sqlite) or a PostgreSQL
 * database (`--db postgres://…`, or the DATABASE_URL environment variable when --db is not given). Prints its URL, the admin token and, in training mode (any
 * --training* flag), a one-time enrolment code plus the reusable training code. The last line is machine-readable
 * for a console that starts this server as a child process: `CENTRAL_READY {"url":...,"enrolmentCode":...}`.
 */
import { parseArgs } from 'node:util';
import { TRAINING_CENTER_ID } from '../shared/training';
import { STORE_COMMANDS, runStoreCli } from './operations/cli';
import { runCentersCli, runOperatorsCli } from './operators/cli';
import { runReleasesCli } from './releases/cli';
import { startCentral } from './server';

// `npm run central -- releases …`, `… centers …` and `… operators …`: IT's commands against a running server
// (releases/cli.ts, operators/cli.ts).
const TOOLS: Record<string, typeof runReleasesCli> = { releases: runReleasesCli, operators: runOperatorsCli, centers: runCentersCli };
const tool = TOOLS[process.argv[2] ?? ''];
if (tool) {
  const io = { env: process.env, out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };
  process.exit(await tool(process.argv.slice(3), io));
}
// `npm run central -- migrate-store …` and `npm run central -- backup …`: the store's operations (operations/cli.ts).
if ((STORE_COMMANDS as readonly string[]).includes(process.argv[2] ?? '')) {
  const io = { env: process.env, out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };
  process.exit(await runStoreCli(process.argv.slice(2), io));
}

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'pool-size': { type: 'string' },
    'enrolment-retry-minutes': { type: 'string' },
    port: { type: 'string', default: '0' },
    training: { type: 'boolean', default: false },
    'training-size': { type: 'string' },
    'training-seed': { type: 'string' },
    now: { type: 'string' },
    hostile: { type: 'boolean', default: false },
    'admin-token': { type: 'string' },
    log: { type: 'boolean', default: false },
    'exit-with-stdin': { type: 'boolean', default: false },
    releases: { type: 'string' },
    'push-burst': { type: 'string' },
    'push-rate': { type: 'string' },
  },
  strict: true,
});

function fail(message: string): never {
  process.stderr.write(`central: ${message}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a non-negative integer`);
  return n;
}

const nowArg = values.now;
const fixedNow = nowArg === undefined ? undefined : /^\d+$/.test(nowArg) ? Number(nowArg) : Date.parse(nowArg);
if (fixedNow !== undefined && Number.isNaN(fixedNow)) fail('--now must be an ISO time or milliseconds since 1970');
const training = values.training || values['training-size'] !== undefined || values['training-seed'] !== undefined || values.hostile;

/** A positive number (pushes per second may be a fraction: 0.5 is one push every two seconds). */
function decimal(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number`);
  return n;
}

// Per-workstation push throttling, shared by every process on the store (its buckets live there): both or neither.
if ((values['push-burst'] === undefined) !== (values['push-rate'] === undefined)) fail('--push-burst and --push-rate go together');
const rateLimit =
  values['push-burst'] !== undefined && values['push-rate'] !== undefined
    ? { burst: decimal('push-burst', values['push-burst']), perSecond: decimal('push-rate', values['push-rate']) }
    : undefined;

const db = values.db ?? process.env.DATABASE_URL ?? 'central.sqlite';
const poolSize = integer('pool-size', values['pool-size'] ?? process.env.CENTRAL_POOL_SIZE, 10);
if (poolSize < 1) fail('--pool-size must be at least 1');

const server = await startCentral({
  db,
  poolSize,
  // A pinned clock stamps everything the server records (history, receipts, effects, enrolment, releases), not only
  // the training set: a test or a training session replays a chosen moment.
  ...(fixedNow !== undefined ? { now: () => fixedNow } : {}),
  ...(values.releases ? { releasesDir: values.releases } : {}),
  port: integer('port', values.port, 0),
  enrolmentRetryWindowMs: integer('enrolment-retry-minutes', values['enrolment-retry-minutes'], 10) * 60_000,
  ...(rateLimit ? { rateLimit } : {}),
  log: values.log,
  // The environment lets a test harness (or IT) fix the admin token of a server another process starts.
  ...(values['admin-token'] || process.env.CENTRAL_ADMIN_TOKEN ? { adminToken: values['admin-token'] ?? process.env.CENTRAL_ADMIN_TOKEN } : {}),
  ...(training
    ? {
        training: {
          seed: integer('training-seed', values['training-seed'], 2026),
          size: integer('training-size', values['training-size'], 3000),
          ...(fixedNow !== undefined ? { now: fixedNow } : {}),
          includeHostile: values.hostile,
        },
      }
    : {}),
}).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));

const enrolmentCode = training ? await server.admin.issueEnrolmentCode(TRAINING_CENTER_ID) : null;
process.stdout.write(`Central server listening on ${server.url}\n`);
process.stdout.write(`Store: ${server.store.location}${server.store.kind === 'postgres' ? ` (PostgreSQL, pool of ${poolSize})` : ' (SQLite)'}\n`);
process.stdout.write(`Releases folder: ${server.releases.artifacts.dir} (update feed: ${server.url}/v1/updates/)\n`);
if (!process.env.CENTRAL_ADMIN_TOKEN) process.stdout.write(`Admin token (this start only): ${server.adminToken}\n`);
if (enrolmentCode) {
  process.stdout.write(`Training: one-time enrolment code for ${TRAINING_CENTER_ID}: ${enrolmentCode} (valid 24 h); reusable training code: ${server.trainingEnrolmentCode}\n`);
  const others = Object.entries(server.trainingEnrolmentCodes ?? {}).filter(([center]) => center !== TRAINING_CENTER_ID);
  process.stdout.write(`Training: reusable codes of the other training centers: ${others.map(([center, code]) => `${center} ${code}`).join(', ')}\n`);
}
process.stdout.write(
  `CENTRAL_READY ${JSON.stringify({ url: server.url, port: server.port, centerId: training ? TRAINING_CENTER_ID : null, enrolmentCode, trainingEnrolmentCode: server.trainingEnrolmentCode, trainingEnrolmentCodes: server.trainingEnrolmentCodes })}\n`,
);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// A console that starts this server as its child passes a pipe on stdin: when the console dies (even by SIGKILL)
// the pipe closes and the server goes with it instead of holding its port and database.
// In Electron's utility process (a packaged console's training server) there is no such pipe: Chromium ends the
// process with its parent instead.
const inUtilityProcess = (process as { parentPort?: unknown }).parentPort != null;
if (values['exit-with-stdin'] && !inUtilityProcess) {
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
