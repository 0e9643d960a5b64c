import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOW, appOp, fileApplications, push, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

/*
 * The central history carries the time each step happened: a pushed op's client time, bounded so a clock that ran
 * behind never puts a step before the one it follows and one that ran ahead never past the server's now; the time
 * the server recorded it is kept beside it. What the server does itself (events) and its own logs use its clock.
 */

let server: TempCentral;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  server = await startTempCentral({ now: () => clock });
  world = await seedWorld(server);
  await fileApplications(server, 3);
});
afterEach(() => server.dispose());

const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;
const history = async (id: string) => (await server.admin.application(id))!.history.map((h) => ({ status: h.status, at: h.at, recordedAt: h.recordedAt }));

describe('history times on the central server', () => {
  it('a step takes the time the administrator acted, with the time it reached the server beside it', async () => {
    // Decided on Monday, offline until Friday's push.
    await push(server, world.tokens.a, 'ws-a', [
      appOp('claim', 'app-000001', { clientTime: '2026-11-23T08:00:00.000Z' }),
      appOp('approve', 'app-000001', { clientTime: '2026-11-23T08:20:00.000Z' }),
    ]);
    expect(await history('app-000001')).toEqual([
      { status: 'submitted', at: '2026-11-16T09:00:00.000Z', recordedAt: undefined },
      { status: 'in_review', at: '2026-11-23T08:00:00.000Z', recordedAt: iso(NOW) },
      { status: 'approved', at: '2026-11-23T08:20:00.000Z', recordedAt: iso(NOW) },
    ]);
    // The claim row, the record's claim and the effects log: the claim at its time, the log at the arrival.
    clock = NOW + HOUR;
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', 'app-000002', { clientTime: '2026-11-27T09:30:00.000Z' })]);
    expect((await server.admin.application('app-000002'))!.claim).toMatchObject({ at: '2026-11-27T09:30:00.000Z' });
    const effects = await server.store.db.selectFrom('effects').select(['kind', 'at']).where('application_id', '=', 'app-000002').orderBy('seq').execute();
    expect(effects.map((e) => [e.kind, Number(e.at)])).toEqual([['intake', NOW], ['claim', NOW + HOUR]]);
  });

  it('a clock that ran behind never puts a step before the one it follows; one that ran ahead never past the server\'s now', async () => {
    await push(server, world.tokens.a, 'ws-a', [
      // Filed on the 16th at 09:00; this workstation's clock said the 10th.
      appOp('claim', 'app-000001', { clientTime: '2026-11-10T08:00:00.000Z' }),
      // A refusal dated tomorrow.
      appOp('refuse', 'app-000001', { clientTime: '2026-11-28T08:00:00.000Z' }),
    ]);
    expect(await history('app-000001')).toEqual([
      { status: 'submitted', at: '2026-11-16T09:00:00.000Z', recordedAt: undefined },
      { status: 'in_review', at: '2026-11-16T09:00:00.000Z', recordedAt: iso(NOW) },
      { status: 'refused', at: iso(NOW), recordedAt: iso(NOW) },
    ]);
  });

  it('card facts take the workstation\'s time too; events from production are stamped with the server\'s clock', async () => {
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', 'app-000003', { clientTime: '2026-11-20T08:00:00.000Z' }), appOp('approve', 'app-000003', { clientTime: '2026-11-20T09:00:00.000Z' })]);
    clock = NOW + 24 * HOUR;
    await server.admin.event({ kind: 'produced', applicationId: 'app-000003', newLicenceNumber: 'ВХА654321' });
    clock = NOW + 72 * HOUR;
    const arrived = { ...appOp('claim', 'app-000003'), type: 'card_arrived' as const, clientTime: iso(NOW + 48 * HOUR),
      args: { statusSeen: 'produced', statusAfter: 'ready_for_pickup', flag: null, scannedBy: 'number', delivery: 'pickup' } };
    expect((await push(server, world.tokens.a, 'ws-a', [arrived]))[0]).toMatchObject({ result: 'applied' });
    expect((await history('app-000003')).slice(3)).toEqual([
      { status: 'produced', at: iso(NOW + 24 * HOUR), recordedAt: undefined },
      { status: 'ready_for_pickup', at: iso(NOW + 48 * HOUR), recordedAt: iso(NOW + 72 * HOUR) },
    ]);
    const fact = await server.store.db.selectFrom('facts').select('recorded_at').where('application_id', '=', 'app-000003').executeTakeFirstOrThrow();
    expect(Number(fact.recorded_at)).toBe(NOW + 72 * HOUR);
  });
});
