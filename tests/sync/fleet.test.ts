import { afterEach, describe, expect, it } from 'vitest';
import { startTempCentral, type TempCentral } from '../../central/testing';
import type { FleetList } from '../../shared/sync/fleet';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, openWorkstation, type Workstation } from './support/workstation';

/* The fleet view: real workstations sync with the real central server and report; IT lists them as JSON and HTML. */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fleet(central: TempCentral, query = ''): Promise<FleetList> {
  const res = await fetch(`${central.url}/v1/admin/fleet${query}`, { headers: { authorization: `Bearer ${central.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as FleetList;
}

describe('the fleet view', () => {
  it('each sync reports version, channel, OS, disk, outbox, quarantine and clock offset; the last error arrives with the next success', async () => {
    let serverNow = TEST_NOW;
    const central = await startTempCentral({ training: { seed: 71, size: 20, now: TEST_NOW }, now: () => serverNow });
    cleanups.push(() => central.dispose());
    const proxy = await FaultProxy.start(central.url);
    cleanups.push(() => proxy.close());
    const a: Workstation = await openWorkstation(central, proxy.url, { id: 'ws-a' });
    cleanups.push(() => a.dispose());
    const b: Workstation = await openWorkstation(central, central.url, { id: 'ws-b', clockOffsetMs: 90_000 });
    cleanups.push(() => b.dispose());
    // Enrolled but never synced: listed with empty columns.
    await central.admin.enrol('ws-silent', 'sc-8041');

    await a.signIn(ADMIN);
    await a.sync();
    await b.sync();
    let list = await fleet(central);
    expect(list.workstations.map((w) => w.workstationId)).toEqual(['ws-a', 'ws-b', 'ws-silent']);
    const wsA = list.workstations[0]!;
    expect(wsA).toMatchObject({ centerId: 'sc-8041', version: '0.1.0', channel: 'stable', outboxSize: 0, quarantinedOps: 0 });
    // The cycle the core tried before the workstation was enrolled failed; the first report says so.
    expect(wsA.lastError).toEqual({ code: 'not_enrolled', at: new Date(TEST_NOW).toISOString() });
    expect(wsA.os).toContain(process.platform);
    expect(wsA.freeDiskBytes).toBeGreaterThan(0);
    expect(wsA.lastSuccessAt).toBe(new Date(TEST_NOW).toISOString());
    // ws-b's clock runs 90 s ahead of the server's.
    expect(list.workstations[1]!.clockOffsetMs).toBeGreaterThanOrEqual(90_000);
    expect(list.workstations[1]!.clockOffsetMs).toBeLessThan(91_000);
    expect(list.workstations[2]).toMatchObject({ version: null, lastSuccessAt: null, lastError: null });

    // A cycle fails (server fault), the next succeeds: the report then names the failure.
    central.admin.failNextPushes(1);
    await a.ok('application.claim', { id: a.core.db.prepare("SELECT id FROM applications WHERE status IN ('submitted', 'received') ORDER BY id LIMIT 1").pluck().get() });
    await a.sync();
    expect((await fleet(central, '?center=sc-8041')).workstations[0]!.lastSuccessAt).toBe(new Date(TEST_NOW).toISOString());
    serverNow = TEST_NOW + 2 * 24 * 3600_000;
    await a.sync();
    list = await fleet(central);
    expect(list.workstations[0]!.lastError).toEqual({ code: 'central_unavailable', at: expect.any(String) });
    expect(list.workstations[0]!.lastSuccessAt).toBe(new Date(serverNow).toISOString());

    // Filters: not synced for over a day (ws-b synced two server-days ago; ws-silent never did), version, center.
    expect((await fleet(central, '?staleHours=24')).workstations.map((w) => w.workstationId)).toEqual(['ws-b', 'ws-silent']);
    expect((await fleet(central, '?version=0.1.0')).workstations.map((w) => w.workstationId)).toEqual(['ws-a', 'ws-b']);
    expect((await fleet(central, '?center=sc-0000')).workstations).toEqual([]);
    expect((await fetch(`${central.url}/v1/admin/fleet?staleHours=0`, { headers: { authorization: `Bearer ${central.adminToken}` } })).status).toBe(400);
    expect((await fetch(`${central.url}/v1/admin/fleet`)).status).toBe(401);
  });

  it('a report naming another workstation than the token is refused; the HTML page needs the admin token', async () => {
    const central = await startTempCentral({ training: { seed: 72, size: 5, now: TEST_NOW }, now: () => TEST_NOW });
    cleanups.push(() => central.dispose());
    const token = await central.admin.enrol('ws-x', 'sc-8041');
    const report = { workstation: 'ws-y', version: '0.1.0', channel: 'beta', os: 'linux', freeDiskBytes: 1, outboxSize: 0, quarantinedOps: 0, clientTime: new Date(TEST_NOW).toISOString(), lastError: null };
    const post = (body: unknown) => fetch(`${central.url}/v1/centers/sc-8041/fleet-report`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const refused = await post(report);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('workstation_mismatch');
    expect((await post({ ...report, workstation: 'ws-x', channel: 'nightly' })).status).toBe(400);
    expect((await post({ ...report, workstation: 'ws-x' })).status).toBe(200);

    const page = await fetch(`${central.url}/admin/fleet`);
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await fetch(`${central.url}/admin/fleet`, { headers: { authorization: `Basic ${Buffer.from('it:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${central.url}/admin/fleet?lang=en`, { headers: { authorization: `Basic ${Buffer.from(`it:${central.adminToken}`).toString('base64')}` } });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('data-workstation="ws-x"');
    expect(html).not.toContain(central.adminToken);
  });
});
