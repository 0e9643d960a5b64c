import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { ENROLMENT_FILE } from '../../electron/core/sync/enrolment';
import type { SyncEnrolment, SyncStatus } from '../../shared/api/sync';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, CENTER, approvable, claimAndApprove, expectConverged, openWorkstation, type Workstation } from './support/workstation';

/*
 * Enrolment over a link that drops the answer after the central server committed it: the one-time code is spent
 * although the workstation never got its token. The retry with the same code enrols the same workstation again.
 */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SIZE = 30;
const isEnrol = (r: { path: string }) => r.path === '/v1/enrol';

async function rig(): Promise<{ central: TempCentral; proxy: FaultProxy; ws: Workstation; code: string }> {
  const central = await startTempCentral({ training: { seed: 91, size: SIZE, now: TEST_NOW }, now: () => TEST_NOW });
  cleanups.push(() => central.dispose());
  const proxy = await FaultProxy.start(central.url);
  cleanups.push(() => proxy.close());
  const ws = await openWorkstation(central, proxy.url, { enrol: false });
  cleanups.push(() => ws.dispose());
  return { central, proxy, ws, code: await central.admin.issueEnrolmentCode(CENTER) };
}

const localCount = (ws: Workstation) => ws.core.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
const savedToken = (ws: Workstation) => (JSON.parse(readFileSync(join(ws.dir, ENROLMENT_FILE), 'utf8')) as { token: string }).token;

/** Enrolled at last: the first pull brings the center's applications, and a decision reaches the server exactly once. */
async function expectSyncing(central: TempCentral, ws: Workstation): Promise<void> {
  await ws.core.sync.engine.whenIdle();
  expect(localCount(ws)).toBe(SIZE);
  await ws.signIn(ADMIN);
  await claimAndApprove(ws, approvable(ws, 1));
  expect((await ws.sync()).lastError).toBeNull();
  await expectConverged(central, [ws]);
}

describe('enrolment whose answer is lost after the server committed', () => {
  it('a lost first answer: the client asks again at once with the same code and is enrolled; the workstation syncs', async () => {
    const { central, proxy, ws, code } = await rig();
    proxy.plan({ kind: 'drop_after_commit' }, { match: isEnrol, times: 1 });
    const enrolled = await ws.ok<SyncEnrolment>('sync.enrol', { code });
    expect(enrolled).toMatchObject({ enrolled: true, workstationId: 'ws-a' });
    // Both requests reached the server and both were enrolments: the first answer was dropped, the second arrived.
    expect(proxy.log.filter(isEnrol).map((r) => [r.fault, r.upstreamStatus])).toEqual([['drop_after_commit', 200], ['pass', 200]]);
    await expectSyncing(central, ws);
  });

  it('every answer lost: the workstation says it is not enrolled and to try the same code again; that retry enrols it and it syncs', async () => {
    const { central, proxy, ws, code } = await rig();
    proxy.plan({ kind: 'drop_after_commit' }, { match: isEnrol, times: 2 });
    const lost = await ws.call('sync.enrol', { code });
    expect(lost).toMatchObject({ ok: false, error: { code: 'enrolment_answer_lost', message: expect.stringMatching(/not enrolled yet.*same code again/) } });
    // The server did enrol it (the code is spent), but the workstation has no token and says so.
    expect(await central.admin.workstation('ws-a')).toMatchObject({ revoked: 0 });
    const status = await ws.ok<SyncStatus>('sync.status');
    expect(status).toMatchObject({ enrolled: false, lastError: { code: 'not_enrolled' } });
    expect(localCount(ws)).toBe(0);

    const enrolled = await ws.ok<SyncEnrolment>('sync.enrol', { code });
    expect(enrolled).toMatchObject({ enrolled: true });
    // The token it holds is the one the server gave last (the lost ones were replaced; see central/routes/enrol.test.ts).
    const reference = await fetch(`${central.url}/v1/centers/${CENTER}/reference`, { headers: { authorization: `Bearer ${savedToken(ws)}` } });
    expect(reference.status).toBe(200);
    await expectSyncing(central, ws);
  });

  it('another workstation presenting the spent code is still refused', async () => {
    const { central, proxy, ws, code } = await rig();
    proxy.plan({ kind: 'drop_after_commit' }, { match: isEnrol, times: 2 });
    await ws.call('sync.enrol', { code });
    const other = await openWorkstation(central, central.url, { id: 'ws-b', enrol: false });
    cleanups.push(() => other.dispose());
    expect(await other.call('sync.enrol', { code })).toMatchObject({ ok: false, error: { code: 'enrolment_failed' } });
    expect(await central.admin.workstation('ws-b')).toBeUndefined();
  });
});
