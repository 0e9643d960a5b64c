import { describe, expect, it } from 'vitest';
import type { SignInReadiness } from '../../shared/api/auth';
import type { SyncStatus } from '../../shared/api/sync';
import { startTempCentral } from '../../central/testing';
import { TEST_NOW } from '../support/deciding';
import { closeAfterEach } from './support/close-after-each';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, CENTER, openWorkstation } from './support/workstation';

/*
 * A new production workstation against the real central server: enrolled, but its first sync has not brought the
 * operators yet (the pull stops after its first page). Signing in meanwhile is refused with operators_not_synced and
 * counts against nobody; the sign-in screen's readiness says how far the sync got; the first sync that finishes
 * lets the operator in at the first try.
 */
const started = closeAfterEach();

describe('signing in before the first sync has brought the operators', () => {
  it('is refused as operators_not_synced, counted nowhere, and works at the first try once the sync has finished', async () => {
    const central = started(await startTempCentral({ training: { seed: 41, size: 1200, now: TEST_NOW }, now: () => TEST_NOW }));
    const proxy = started(await FaultProxy.start(central.url));
    const ws = started(await openWorkstation(central, proxy.url, { enrol: false }));
    expect(await ws.ok<SignInReadiness>('auth.readiness')).toEqual({ operatorsReady: false, operators: 0, enrolled: false, applications: 0, referenceLoaded: false });

    // Enrolled; the first page of changes arrives, every later one fails (the link breaks mid-pull).
    proxy.plan({ kind: 'status', status: 503 }, { match: (r) => r.path.includes('/changes') && /[?&]cursor=[^&]/.test(r.path), times: 1_000_000 });
    await ws.ok('sync.enrol', { code: await central.admin.issueEnrolmentCode(CENTER) });
    await ws.core.sync.engine.whenIdle();
    const status = await ws.ok<SyncStatus>('sync.status');
    expect(status).toMatchObject({ enrolled: true, lastSuccessAt: null, lastError: { code: 'central_unavailable' } });
    const partway = await ws.ok<SignInReadiness>('auth.readiness');
    expect(partway).toMatchObject({ operatorsReady: false, operators: 0, enrolled: true, referenceLoaded: false });
    expect(partway.applications).toBe(200);

    // Many more attempts than the lockout allows, right and wrong passwords alike.
    for (let i = 0; i < 7; i++) {
      const r = await ws.call('auth.signIn', { login: ADMIN.login, password: i % 2 ? ADMIN.password : `wrong-${i}` });
      expect(r).toMatchObject({ ok: false, error: { code: 'operators_not_synced' } });
    }
    const audit = ws.core.db.prepare("SELECT action, count(*) AS n FROM audit_log WHERE action LIKE 'session.%' OR action LIKE 'operator.%' GROUP BY action").all();
    expect(audit).toEqual([{ action: 'session.sign_in_refused', n: 7 }]);

    proxy.clearPlans();
    await ws.sync();
    const ready = await ws.ok<SignInReadiness>('auth.readiness');
    expect(ready).toMatchObject({ operatorsReady: true, enrolled: true, applications: null, referenceLoaded: true });
    expect(ready.operators).toBeGreaterThan(0);
    await ws.signIn(ADMIN);
    expect(ws.core.db.prepare('SELECT failed_attempts, locked_until FROM operators WHERE id = ?').get(ADMIN.id)).toEqual({ failed_attempts: 0, locked_until: null });
  });
});
