import { describe, expect, it } from 'vitest';
import { startTempCentral } from '../../central/testing';
import { TEST_NOW } from '../support/deciding';
import { closeAfterEach } from './support/close-after-each';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, CENTER, approvable, claimAndApprove, expectConverged, openWorkstation } from './support/workstation';

/*
 * Prints are facts pushed with the rest of the outbox: the central server holds each print once (document, copy
 * number, operator, workstation), a reprint as its own fact with its «КОПІЯ» count, even when the answer to the
 * push that carried them was lost and the push was sent again.
 */

const started = closeAfterEach();

interface CentralFact { op_id: string; application_id: string; center_id: string; kind: string; args: string; workstation_id: string; operator_id: string }

describe('prints reach the central server as facts', () => {
  it('a print, two reprints and a daily register are on the central server once each after a retried push', async () => {
    const central = started(await startTempCentral({ training: { seed: 21, size: 40, now: TEST_NOW }, now: () => TEST_NOW }));
    const proxy = started(await FaultProxy.start(central.url));
    const ws = started(await openWorkstation(central, proxy.url, { id: 'ws-print' }));
    await ws.signIn(ADMIN);
    const [id, other] = approvable(ws, 2);
    await claimAndApprove(ws, [id!]);

    const opIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { prints } = await ws.ok<{ prints: { copy: number; reprint: boolean; opId: string }[] }>('prints.record', {
        applicationIds: [id], document: 'production_order', how: 'operator_confirmed',
      });
      expect(prints.map((p) => [p.copy, p.reprint])).toEqual([[i, i > 0]]);
      opIds.push(prints[0]!.opId);
    }
    const register = await ws.ok<{ prints: { applicationId: string; copy: number; opId: string }[] }>('prints.record', {
      applicationIds: [id, other], document: 'daily_register', how: 'pdf_saved',
    });
    expect(register.prints.map((p) => [p.applicationId, p.copy])).toEqual([[id, 0], [other, 0]]);
    opIds.push(...register.prints.map((p) => p.opId));

    // The server commits the first push, its answer never arrives; the workstation sends the batch again.
    proxy.plan({ kind: 'drop_after_commit' }, { match: (r) => r.path.endsWith('/push') });
    await ws.sync();
    await proxy.upstreamSettled();
    await ws.sync();
    expect(proxy.pushes().length).toBeGreaterThanOrEqual(2);

    // In the order the server applied them (the effects log's sequence).
    const facts: CentralFact[] = await central.store.db
      .selectFrom('facts as f')
      .innerJoin('effects as e', 'e.op_id', 'f.op_id')
      .select(['f.op_id', 'f.application_id', 'f.center_id', 'f.kind', 'f.args', 'f.workstation_id', 'f.operator_id'])
      .where('f.kind', '=', 'printed')
      .orderBy('e.seq')
      .execute();
    expect(facts.map((f) => f.op_id)).toEqual(opIds);
    expect(facts.map((f) => {
      const args = JSON.parse(f.args) as { document: string; copy: number; how: string };
      return [f.application_id, args.document, args.copy, args.how, f.operator_id, f.workstation_id, f.center_id];
    })).toEqual([
      [id, 'production_order', 0, 'operator_confirmed', ADMIN.id, 'ws-print', CENTER],
      [id, 'production_order', 1, 'operator_confirmed', ADMIN.id, 'ws-print', CENTER],
      [id, 'production_order', 2, 'operator_confirmed', ADMIN.id, 'ws-print', CENTER],
      [id, 'daily_register', 0, 'pdf_saved', ADMIN.id, 'ws-print', CENTER],
      [other, 'daily_register', 0, 'pdf_saved', ADMIN.id, 'ws-print', CENTER],
    ]);
    await expectConverged(central, [ws]);
  });
});
