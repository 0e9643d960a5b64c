/**
 * Server-side figures for the bench (DESIGN.md section 5): serving 100,000 applications as pull pages over loopback,
 * and applying 10,000 pushed ops in batches of 500. Run alone with `node --import tsx central/bench.ts [--rows n]`,
 * or import the functions from bench/run.ts. Seeding is not timed.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MAX_PUSH_OPS, type PushOp } from '../shared/sync/push';
import { TRAINING_CENTER_ID } from '../shared/training';
import { ALL_TICKED, AUDIT_HEAD, CENTER, sampleIntake, seedWorld } from './test-fixtures';
import { startTempCentral } from './testing';

export interface PullBench {
  rows: number;
  pages: number;
  /** Records received, including those that came again marked `received`. */
  records: number;
  megabytes: number;
  ms: number;
  seedMs: number;
}

/** Pulls a training store of `rows` applications from scratch until hasMore is false: fetch and JSON.parse each page. */
export async function benchCentralPull(rows = 100_000, limit = 5000): Promise<PullBench> {
  const t0 = performance.now();
  const server = await startTempCentral({ training: { seed: 2026, size: rows, now: Date.parse('2026-11-27T08:00:00Z') } });
  const seedMs = performance.now() - t0;
  try {
    const token = await server.admin.enrol('bench', TRAINING_CENTER_ID);
    let cursor: string | null = null;
    let pages = 0;
    let records = 0;
    let bytes = 0;
    const start = performance.now();
    for (;;) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await fetch(`${server.url}/v1/centers/${TRAINING_CENTER_ID}/changes?limit=${limit}${q}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${text.slice(0, 200)}`);
      bytes += text.length;
      const page = JSON.parse(text) as { changes: unknown[]; cursor: string; hasMore: boolean };
      pages++;
      records += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return { rows, pages, records, megabytes: bytes / 1e6, ms: performance.now() - start, seedMs };
  } finally {
    await server.dispose();
  }
}

export interface PushBench {
  ops: number;
  batches: number;
  applied: number;
  ms: number;
  /** Per batch, in ms. */
  batchP50: number;
  batchMax: number;
}

/** Pushes `ops` ops (a claim and an approval per application) in batches of 500, one after another. */
export async function benchCentralPush(ops = 10_000): Promise<PushBench> {
  const server = await startTempCentral();
  try {
    const { tokens } = await seedWorld(server);
    const apps = Math.ceil(ops / 2);
    for (let n = 1; n <= apps; n++) await server.admin.intake(sampleIntake(n));
    const all: PushOp[] = [];
    for (let n = 1; n <= apps && all.length < ops; n++) {
      const applicationId = `app-${String(n).padStart(6, '0')}`;
      const base = { scope: 'application' as const, applicationId, clientTime: '2026-11-27T09:00:00.000Z', operatorId: 'op-admin-1' };
      all.push({ ...base, opId: randomUUID(), seq: all.length + 1, type: 'claim', args: {}, baseVersion: 1 });
      if (all.length < ops) all.push({ ...base, opId: randomUUID(), seq: all.length + 1, type: 'approve', args: { manualChecks: ALL_TICKED }, baseVersion: 2 });
    }
    const times: number[] = [];
    let applied = 0;
    const start = performance.now();
    for (let i = 0; i < all.length; i += MAX_PUSH_OPS) {
      const t = performance.now();
      const body = JSON.stringify({ workstation: 'ws-a', schemaVersion: 2, auditHead: AUDIT_HEAD, ops: all.slice(i, i + MAX_PUSH_OPS) });
      const res = await fetch(`${server.url}/v1/centers/${CENTER}/push`, { method: 'POST', headers: { authorization: `Bearer ${tokens.a}`, 'content-type': 'application/json' }, body });
      const answer = (await res.json()) as { results: { result: string }[] };
      if (res.status !== 200) throw new Error(`push answered ${res.status}`);
      applied += answer.results.filter((r) => r.result === 'applied').length;
      times.push(performance.now() - t);
    }
    const ms = performance.now() - start;
    times.sort((a, b) => a - b);
    return { ops: all.length, batches: times.length, applied, ms, batchP50: times[Math.floor(times.length / 2)]!, batchMax: times[times.length - 1]! };
  } finally {
    await server.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, ops: { type: 'string', default: '10000' }, limit: { type: 'string', default: '5000' } } });
  const pull = await benchCentralPull(Number(values.rows), Number(values.limit));
  console.log(`pull: ${pull.rows} applications, ${pull.records} records in ${pull.pages} pages (${pull.megabytes.toFixed(1)} MB) in ${(pull.ms / 1000).toFixed(2)} s (seeding ${(pull.seedMs / 1000).toFixed(1)} s, not timed)`);
  const push = await benchCentralPush(Number(values.ops));
  console.log(`push: ${push.ops} ops in ${push.batches} batches, ${push.applied} applied, in ${(push.ms / 1000).toFixed(2)} s (batch p50 ${push.batchP50.toFixed(0)} ms, max ${push.batchMax.toFixed(0)} ms)`);
}
