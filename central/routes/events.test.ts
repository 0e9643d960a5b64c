import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationRecordSchema } from '../../shared/domain/application';
import { ApplicationEnvelopeSchema } from '../../shared/sync/central-api';
import { PullPageSchema } from '../../shared/sync/pull';
import { CENTER, NOW, appOp, call, push, sampleIntake, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  server = await startTempCentral({ now: () => clock });
  world = await seedWorld(server);
});
afterEach(() => server.dispose());

const admin = (path: string, body: unknown) => call(server, 'POST', path, { token: server.adminToken, body });
const pullAll = async () => PullPageSchema.parse((await call(server, 'GET', `/v1/centers/${CENTER}/changes?limit=5000`, { token: world.tokens.a })).json);

/** Files, claims and approves an application; answers its id. */
async function approved(n: number) {
  const id = ApplicationEnvelopeSchema.parse((await admin('/v1/intake/applications', sampleIntake(n))).json).application.id;
  await push(server, world.tokens.a, 'ws-a', [appOp('claim', id), appOp('approve', id, { baseVersion: 2 })]);
  return id;
}

describe('intake', () => {
  it('files a submitted application at version 1 with a first history step, stores its images, and refuses a second with the same number', async () => {
    const photo = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const hash = (await import('node:crypto')).createHash('sha256').update(photo).digest('hex');
    const res = await admin('/v1/intake/applications', { ...sampleIntake(1), photoHash: hash, images: [{ mime: 'image/svg+xml', base64: photo.toString('base64') }] });
    expect(res.status).toBe(201);
    const record = ApplicationRecordSchema.parse((res.json as { application: unknown }).application);
    expect(record).toMatchObject({ status: 'submitted', version: 1, refusal: null, newLicenceNumber: null, claim: null });
    expect(record.history).toEqual([{ status: 'submitted', at: record.submittedAt, operatorId: null, note: null }]);
    const image = await call(server, 'GET', `/v1/images/${hash}`, { token: world.tokens.a });
    expect(image).toMatchObject({ status: 200, text: photo.toString() });
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect((await admin('/v1/intake/applications', { ...sampleIntake(2), number: record.number })).status).toBe(409);
    expect((await call(server, 'POST', '/v1/intake/applications', { token: world.tokens.a, body: sampleIntake(3) })).status).toBe(401);
  });
});

describe('events from production, Ukrposhta and cancellation', () => {
  it('produced sets the new licence number; each event bumps the version and shows in the next pull', async () => {
    const id = await approved(1);
    const before = await pullAll();
    clock += 60_000;
    const res = await admin('/v1/events/produced', { applicationId: id, newLicenceNumber: 'ВХА654321' });
    expect(res.status).toBe(200);
    const record = ApplicationEnvelopeSchema.parse(res.json).application;
    expect(record).toMatchObject({ status: 'produced', version: 4, newLicenceNumber: 'ВХА654321' });
    expect(record.history.at(-1)).toEqual({ status: 'produced', at: new Date(clock).toISOString(), operatorId: null, note: 'ВХА654321' });
    const after = PullPageSchema.parse((await call(server, 'GET', `/v1/centers/${CENTER}/changes?cursor=${before.cursor}`, { token: world.tokens.a })).json);
    expect(after.changes.map((r) => [r.id, r.status, r.version])).toEqual([[id, 'produced', 4]]);
  });

  it('delivered and returned follow a shipped parcel; an event the status machine does not allow is a 409 and changes nothing', async () => {
    const mailed = { method: 'ukrposhta' as const, address: sampleIntake(1).applicant.address, recipientPhone: '+380671234567' };
    const id = ApplicationEnvelopeSchema.parse((await admin('/v1/intake/applications', { ...sampleIntake(1), delivery: mailed })).json).application.id;
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', id), appOp('approve', id, { baseVersion: 2 })]);
    expect((await admin('/v1/events/delivered', { applicationId: id })).status).toBe(409);
    expect((await admin('/v1/events/returned', { applicationId: id })).json).toMatchObject({ error: { code: 'invalid_transition' } });
    expect(await server.admin.application(id)).toMatchObject({ status: 'approved', version: 3 });
    // The card is made, arrives for shipping and is shipped (facts from the workstation), then Ukrposhta reports.
    await admin('/v1/events/produced', { applicationId: id, newLicenceNumber: 'ВХА654321' });
    const fact = (type: string, args: Record<string, unknown>) => ({ ...appOp('claim', id), type, args: { statusSeen: 'produced', statusAfter: 'produced', flag: null, ...args } });
    const facts = await push(server, world.tokens.a, 'ws-a', [
      fact('card_arrived', { scannedBy: 'number', delivery: 'ukrposhta' }),
      fact('shipped', { batchId: 'b-1', tracking: '0500101983180', trackingKind: 'domestic' }),
    ]);
    expect(facts.map((r) => r.result)).toEqual(['applied', 'applied']);
    expect(await server.admin.application(id)).toMatchObject({ status: 'shipped', version: 6 });
    const returned = await admin('/v1/events/returned', { applicationId: id });
    expect(ApplicationEnvelopeSchema.parse(returned.json).application).toMatchObject({ status: 'returned', version: 7 });
    expect((await admin('/v1/events/delivered', { applicationId: id })).status).toBe(409);
  });

  it('a central cancellation drops the claim and records the reason; repeating an event answers the record unchanged', async () => {
    const id = ApplicationEnvelopeSchema.parse((await admin('/v1/intake/applications', sampleIntake(5))).json).application.id;
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', id)]);
    const res = await admin('/v1/events/cancelled', { applicationId: id, reason: '  Заяву відкликано заявником  ' });
    const record = ApplicationEnvelopeSchema.parse(res.json).application;
    expect(record).toMatchObject({ status: 'cancelled', version: 3, claim: null });
    expect(record.history.at(-1)!.note).toBe('Заяву відкликано заявником');
    expect((await server.admin.counts()).claims).toBe(0);
    const again = await admin('/v1/events/cancelled', { applicationId: id, reason: 'ще раз' });
    expect(ApplicationEnvelopeSchema.parse(again.json).application.version).toBe(3);
    expect((await admin('/v1/events/cancelled', { applicationId: 'app-none', reason: 'x' })).status).toBe(404);
  });

  it('a produced event repeated with the same number is idempotent; with another number it is a 409', async () => {
    const id = await approved(1);
    await admin('/v1/events/produced', { applicationId: id, newLicenceNumber: 'ВХА654321' });
    expect(ApplicationEnvelopeSchema.parse((await admin('/v1/events/produced', { applicationId: id, newLicenceNumber: 'ВХА654321' })).json).application.version).toBe(4);
    expect((await admin('/v1/events/produced', { applicationId: id, newLicenceNumber: 'ВХА000001' })).status).toBe(409);
  });

  it('events need the admin token', async () => {
    const id = await approved(1);
    for (const token of [undefined, world.tokens.a]) {
      expect((await call(server, 'POST', '/v1/events/produced', { token, body: { applicationId: id, newLicenceNumber: 'ВХА654321' } })).status).toBe(401);
    }
  });
});
