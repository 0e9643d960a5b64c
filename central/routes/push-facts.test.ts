import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushOp } from '../../shared/sync/push';
import { NOW, appOp, call, fileApplications, push, seedWorld, type World } from '../test-fixtures';
import { checkExactlyOnce, startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 3);
});
afterEach(() => server.dispose());

const pushA = (ops: unknown[]) => push(server, world.tokens.a, 'ws-a', ops);
const seenArgs = { statusSeen: 'produced', statusAfter: 'ready_for_pickup', flag: null };
const arrived = (id: string, over: Partial<PushOp> = {}) =>
  ({ ...appOp('claim', id, over), type: 'card_arrived', args: { ...seenArgs, scannedBy: 'number', delivery: 'pickup' } }) as unknown as PushOp;
const handedOver = (id: string) =>
  ({ ...appOp('claim', id), type: 'handed_over', args: { ...seenArgs, identityDocumentChecked: true, identityDocumentType: 'id_card' } }) as unknown as PushOp;

/** Claims, approves and reports production: the card is on its way to the center. */
async function produce(id: string) {
  await pushA([appOp('claim', id), appOp('approve', id, { baseVersion: 2 })]);
  await server.admin.event({ kind: 'produced', applicationId: id, newLicenceNumber: 'ВХА654321' });
}

describe('facts', () => {
  it('the card arrives and is handed over: the status moves by the status machine, with history steps', async () => {
    await produce('app-000001');
    const results = await pushA([arrived('app-000001'), handedOver('app-000001')]);
    expect(results.map((r) => [r.result, r.code, r.serverVersion])).toEqual([['applied', null, 5], ['applied', null, 6]]);
    expect((await server.admin.application('app-000001'))!.history.slice(-2).map((h) => [h.status, h.operatorId])).toEqual([['ready_for_pickup', 'op-admin-1'], ['issued', 'op-admin-1']]);
  });

  it('a fact after a central cancellation is recorded, not refused: the status stays and the fact is flagged for review', async () => {
    await produce('app-000001');
    await server.admin.event({ kind: 'cancelled', applicationId: 'app-000001', reason: 'Заяву скасовано центральним сервером' });
    const [r] = await pushA([arrived('app-000001')]);
    expect(r).toMatchObject({ result: 'applied', code: 'after_cancellation', serverVersion: 5 });
    expect(await server.admin.application('app-000001')).toMatchObject({ status: 'cancelled', version: 5 });
    expect(await server.store.db.selectFrom('facts').select(['kind', 'status_seen', 'status_after', 'flag']).execute()).toEqual([
      { kind: 'card_arrived', status_seen: 'cancelled', status_after: 'cancelled', flag: 'after_cancellation' },
    ]);
  });

  it('facts still apply after a decision on the same application failed earlier in the batch', async () => {
    await produce('app-000001');
    const results = await pushA([appOp('refuse', 'app-000001', { baseVersion: 4 }), arrived('app-000001'), appOp('release', 'app-000001')]);
    expect(results.map((r) => [r.result, r.code])).toEqual([['conflict', 'already_decided'], ['applied', null], ['conflict', 'earlier_decision_failed']]);
  });

  it('a fact out of order (before production) is recorded with its flag; a malformed fact is rejected', async () => {
    const early = arrived('app-000002');
    const bad = { ...arrived('app-000002'), args: { scannedBy: 'laser' } };
    const results = await pushA([early, bad]);
    expect(results.map((r) => [r.result, r.code])).toEqual([['applied', 'not_yet_produced'], ['rejected', 'invalid_args']]);
    expect((await server.admin.application('app-000002'))!.status).toBe('submitted');
  });

  it('a replayed fact is a duplicate and takes effect once', async () => {
    await produce('app-000001');
    const fact = arrived('app-000001');
    await pushA([fact]);
    expect((await pushA([fact]))[0]!.result).toBe('duplicate');
    expect((await checkExactlyOnce(server, [fact.opId])).duplicated).toEqual([]);
    expect((await call(server, 'GET', '/health')).status).toBe(200);
  });
});
