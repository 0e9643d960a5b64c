import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, pushBody } from '../../central/test-fixtures';
import { freshStoreTarget, testStoreKind, type StoreTarget } from '../../central/store/store-testing';
import { effectsByApplication, seedTrainingStore } from '../../central/testing';
import type { SyncConflict } from '../../shared/api/sync';
import { TEST_NOW } from '../support/deciding';
import { startCentralProcesses, type CentralProcess } from './support/central-processes';
import { ADMIN, ADMIN2, approvable, CENTER, claimAndApprove, expectConverged, openWorkstation, type Workstation } from './support/workstation';

/*
 * Several real central server processes (`npm run central`, each with its own pool) on one PostgreSQL database, as
 * behind a load balancer: workstations spread across them, claims and decisions on the same application through
 * different processes, enrolment codes and push throttling shared through the database. SQLite has one writer
 * process by design, so this file runs in the PostgreSQL run only.
 */
const POSTGRES = testStoreKind() === 'postgres';
const TRAINING = { seed: 61, size: 60, now: TEST_NOW };
const TRAINING_ARGS = ['--training-seed', String(TRAINING.seed), '--training-size', String(TRAINING.size), '--now', String(TEST_NOW)];

interface OutboxRow {
  op_id: string;
  application_id: string;
  type: string;
  state: string;
}
const outbox = (ws: Workstation, ids: readonly string[]) =>
  (ws.core.db.prepare('SELECT op_id, application_id, type, state FROM outbox ORDER BY seq').all() as OutboxRow[]).filter((r) => ids.includes(r.application_id));

/** Processes on a fresh database seeded with the training world (seeded once, before any of them starts). */
async function processesOnOneDatabase(count: number, args: string[]): Promise<{ target: StoreTarget; processes: CentralProcess[] }> {
  const target = await freshStoreTarget('postgres');
  await seedTrainingStore(target.target, TRAINING);
  return { target, processes: await startCentralProcesses(target.target, count, ['--pool-size', '3', ...TRAINING_ARGS, ...args]) };
}

async function stopAll(processes: CentralProcess[] | undefined, target: StoreTarget | undefined) {
  for (const p of processes ?? []) await p.stop();
  await target?.dispose();
}

describe.skipIf(!POSTGRES)('three central server processes on one PostgreSQL database', () => {
  let target: StoreTarget;
  let processes: CentralProcess[];
  const stations: Workstation[] = [];
  beforeAll(async () => {
    ({ target, processes } = await processesOnOneDatabase(3, []));
  }, 180_000);
  afterAll(async () => {
    for (const ws of stations.splice(0)) await ws.dispose();
    await stopAll(processes, target);
  });

  async function workstationOn(p: CentralProcess, id: string, who: { login: string; password: string }) {
    const ws = await openWorkstation(p, p.url, { id });
    stations.push(ws);
    await ws.signIn(who);
    return ws;
  }

  it('workstations spread over the processes; two administrators decide the same applications through two of them: one wins each, the other is told who, one effect each, and all converge', async () => {
    const [pa, pb, pc] = processes as [CentralProcess, CentralProcess, CentralProcess];
    const a = await workstationOn(pa, 'ws-a', ADMIN);
    const b = await workstationOn(pb, 'ws-b', ADMIN2);
    const c = await workstationOn(pc, 'ws-c', ADMIN);
    const contested = approvable(a, 4);
    const own = approvable(c, 3, 4);
    await claimAndApprove(a, contested);
    await claimAndApprove(b, contested);
    await claimAndApprove(c, own);

    // All three push at the same moment, each through its own process.
    await Promise.all([a.sync(), b.sync(), c.sync()]);

    const effects = await effectsByApplication(target.target);
    for (const id of contested) {
      const [mine, theirs] = [outbox(a, [id]), outbox(b, [id])];
      const winner = mine.every((r) => r.state === 'applied') ? { ws: a, rows: mine, loser: b, lost: theirs } : { ws: b, rows: theirs, loser: a, lost: mine };
      expect(winner.rows.map((r) => [r.type, r.state])).toEqual([['claim', 'applied'], ['approve', 'applied']]);
      expect(winner.lost.map((r) => [r.type, r.state])).toEqual([['claim', 'conflict'], ['approve', 'conflict']]);
      // The effects log holds the winner's two ops once each, and nothing of the loser's.
      const ops = (effects.get(id) ?? []).filter((e) => e.opId !== null);
      expect(ops.map((e) => [e.opId, e.kind, e.workstationId])).toEqual(winner.rows.map((r) => [r.op_id, r.type, winner.ws.id]));
      const { conflicts } = await winner.loser.ok<{ conflicts: SyncConflict[] }>('sync.conflicts', {});
      const named = conflicts.filter((k) => k.applicationId === id).map((k) => [k.action, k.code, k.winner?.workstationId, k.winner?.operatorId, k.serverStatus]);
      const operator = winner.ws === a ? ADMIN.id : ADMIN2.id;
      expect(named.sort()).toEqual([
        ['approve', 'earlier_decision_failed', winner.ws.id, operator, 'approved'],
        ['claim', 'already_decided', winner.ws.id, operator, 'approved'],
      ]);
    }
    expect(outbox(c, own).map((r) => r.state)).toEqual(own.flatMap(() => ['applied', 'applied']));

    // A second round pulls what the others did, through whichever process each one talks to.
    for (const ws of [a, b, c]) await ws.sync();
    await expectConverged(target.target, [a, b, c]);
  });

  it('an enrolment code spent through one process is refused through the others; one code presented through two processes at once enrols exactly one workstation', async () => {
    const [pa, pb, pc] = processes as [CentralProcess, CentralProcess, CentralProcess];
    const enrol = (p: CentralProcess, code: string, workstationId: string) => call(p, 'POST', '/v1/enrol', { body: { code, workstationId, centerId: CENTER } });
    const code = await pa.admin.issueEnrolmentCode(CENTER);
    expect((await enrol(pb, code, 'ws-code-1')).status).toBe(200);
    expect(await enrol(pc, code, 'ws-code-2')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect(await enrol(pa, code, 'ws-code-3')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    // The lost-answer retry of the one that enrolled works through any process.
    expect((await enrol(pc, code, 'ws-code-1')).status).toBe(200);

    for (let round = 0; round < 6; round++) {
      const raced = await pc.admin.issueEnrolmentCode(CENTER);
      const answers = await Promise.all([enrol(pa, raced, `ws-race-a${round}`), enrol(pb, raced, `ws-race-b${round}`), enrol(pc, raced, `ws-race-c${round}`)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    }
  });
});

describe.skipIf(!POSTGRES)('two throttled central server processes on one PostgreSQL database', () => {
  let target: StoreTarget;
  let processes: CentralProcess[];
  // Two pushes in a burst, then one every 100 s: no token comes back while the test runs.
  beforeAll(async () => {
    ({ target, processes } = await processesOnOneDatabase(2, ['--push-burst', '2', '--push-rate', '0.01']));
  }, 180_000);
  afterAll(() => stopAll(processes, target));

  async function enrolled(p: CentralProcess, id: string): Promise<string> {
    const answer = await call(p, 'POST', '/v1/enrol', { body: { code: await p.admin.issueEnrolmentCode(CENTER), workstationId: id, centerId: CENTER } });
    return (answer.json as { token: string }).token;
  }
  const pushFrom = (p: CentralProcess, token: string, ws: string) => call(p, 'POST', `/v1/centers/${CENTER}/push`, { token, body: pushBody(ws, []) });

  it('a workstation draws from one token bucket whichever process answers it', async () => {
    const [pa, pb] = processes as [CentralProcess, CentralProcess];
    const token = await enrolled(pa, 'ws-bucket');
    expect((await pushFrom(pa, token, 'ws-bucket')).status).toBe(200);
    expect((await pushFrom(pb, token, 'ws-bucket')).status).toBe(200);
    for (const p of [pa, pb]) {
      const throttled = await pushFrom(p, token, 'ws-bucket');
      expect(throttled).toMatchObject({ status: 429, json: { error: { code: 'too_many_requests' } } });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(90);
    }
    // Another workstation's bucket is its own.
    expect((await pushFrom(pb, await enrolled(pb, 'ws-other'), 'ws-other')).status).toBe(200);
  });

  it('pushes at the same moment through both processes take exactly the tokens there are', async () => {
    const [pa, pb] = processes as [CentralProcess, CentralProcess];
    const token = await enrolled(pb, 'ws-burst');
    const answers = await Promise.all([pa, pb, pa, pb, pa, pb].map((p) => pushFrom(p, token, 'ws-burst')));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429, 429, 429, 429]);
  });
});
