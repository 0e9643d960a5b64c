import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../server';
import { CENTER, NOW, appOp, call, fileApplications, push, pushBody, seedWorld, type World } from '../test-fixtures';
import { testStoreKind } from '../store/store-testing';
import { effectCounts, startTempCentral, type TempCentral } from '../testing';

/*
 * Two server processes on one store: what one process decided about enrolment codes and push throttling holds in the
 * other, because it lives in the store and not in a process's memory. The second server runs in this process with
 * its own connections (its own pool on PostgreSQL, its own connection on SQLite), as a second process would. The
 * requests that race each other run on PostgreSQL only: two SQLite writers in one process would make one of them
 * wait out the busy timeout while holding the event loop the other needs.
 */
const RATE = { burst: 2, perSecond: 0.5 };
const RACES = testStoreKind() === 'postgres';
let a: TempCentral;
let b: CentralServer;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  a = await startTempCentral({ now: () => clock, rateLimit: RATE });
  world = await seedWorld(a);
  b = await startCentral({ db: a.target, poolSize: 4, now: () => clock, rateLimit: RATE });
});
afterEach(async () => {
  await b.close();
  await a.dispose();
});

const enrol = (server: { url: string }, code: string, workstationId: string) => call(server, 'POST', '/v1/enrol', { body: { code, workstationId, centerId: CENTER } });
const pushFrom = (server: { url: string }, token: string, ws: string) => call(server, 'POST', `/v1/centers/${CENTER}/push`, { token, body: pushBody(ws, []) });

describe('two server processes on one store', () => {
  it('a code spent through one process is refused through the other, and the lost-answer retry works through either', async () => {
    const code = await a.admin.issueEnrolmentCode(CENTER);
    expect((await enrol(a, code, 'ws-new')).status).toBe(200);
    expect(await enrol(b, code, 'ws-other')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect((await enrol(b, code, 'ws-new')).status).toBe(200);
  });

  it('a workstation draws from one token bucket whichever process answers its pushes', async () => {
    expect((await pushFrom(a, world.tokens.a, 'ws-a')).status).toBe(200);
    expect((await pushFrom(b, world.tokens.a, 'ws-a')).status).toBe(200);
    const throttled = await pushFrom(a, world.tokens.a, 'ws-a');
    expect(throttled).toMatchObject({ status: 429, json: { error: { code: 'too_many_requests' } } });
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await pushFrom(b, world.tokens.a, 'ws-a')).status).toBe(429);
    expect((await pushFrom(b, world.tokens.b, 'ws-b')).status).toBe(200);
    clock += 2000;
    expect((await pushFrom(b, world.tokens.a, 'ws-a')).status).toBe(200);
  });

  it.runIf(RACES)(
    'one code presented by two workstations at once through the two processes enrols exactly one of them',
    async () => {
      for (let round = 0; round < 5; round++) {
        const code = await a.admin.issueEnrolmentCode(CENTER);
        const answers = await Promise.all([enrol(a, code, `ws-race-a${round}`), enrol(b, code, `ws-race-b${round}`)]);
        expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      }
    },
  );

  it.runIf(RACES)('pushes at the same moment through both processes take exactly the tokens left', async () => {
    expect((await pushFrom(a, world.tokens.a, 'ws-a')).status).toBe(200);
    const answers = await Promise.all([a, b, a, b, a, b].map((server) => pushFrom(server, world.tokens.a, 'ws-a')));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 429, 429, 429, 429, 429]);
  });

  it.runIf(RACES)('two administrators claim one application at the same moment through the two processes: one wins, the other is told who', async () => {
    const ids = await fileApplications(a, 5);
    for (const id of ids) {
      clock += 2000; // a token for each push
      const mine = appOp('claim', id, { operatorId: 'op-admin-1' });
      const theirs = appOp('claim', id, { operatorId: 'op-admin-2' });
      const [ra, rb] = await Promise.all([push(a, world.tokens.a, 'ws-a', [mine]), push(b, world.tokens.b, 'ws-b', [theirs])]);
      const results = [ra[0]!, rb[0]!];
      expect(results.map((r) => r.result).sort()).toEqual(['applied', 'conflict']);
      const won = results.find((r) => r.result === 'applied')!;
      const winner = won.opId === mine.opId ? { workstationId: 'ws-a', operatorId: 'op-admin-1', opId: mine.opId } : { workstationId: 'ws-b', operatorId: 'op-admin-2', opId: theirs.opId };
      expect(results.find((r) => r.result === 'conflict')).toMatchObject({ code: 'claimed_by_other', winner });
      expect(await a.admin.application(id)).toMatchObject({ status: 'in_review', version: 2, claim: { operatorId: winner.operatorId } });
    }
    const effects = await effectCounts(a);
    expect([...effects.values()]).toEqual(ids.map(() => 1));
  });
});
