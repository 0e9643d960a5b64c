import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from './index';
import { dispatch } from './api/dispatch';
import { verifyPassword } from './services/passwords';
import { TRAINING_OPERATORS } from './training-operators';
import { ADMIN, insertOperator, openTestCore, type TestCore } from '../../tests/support/deciding';
import { tempDir } from '../../tests/support/store';
import { startTrainingCentral, type TempCentral } from '../../tests/support/central-server';

/** The plaintext passwords published for trainees (README), one per training login. */
const PUBLISHED: Record<string, string> = {
  admin: 'admin-training-1',
  admin2: 'admin-training-2',
  supervisor: 'supervisor-training-1',
  disabled: 'disabled-training-1',
};

let core: Core | undefined;
let testCore: TestCore | undefined;
let central: TempCentral | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  // Training data, operators included, arrive only by pull from the training central server.
  central = await startTrainingCentral({ size: 20, seed: 5 });
});
afterAll(async () => {
  await central?.dispose();
});
afterEach(async () => {
  await core?.close();
  await testCore?.dispose();
  core = testCore = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function trainingCore(dir = tempDir()): Promise<Core> {
  dirs.push(dir);
  return openCore({ dataDir: dir, now: () => Date.parse('2026-11-27T08:00:00Z'), central: { url: central!.url } });
}

describe('training operators', () => {
  it('the precomputed hashes match the published training passwords', () => {
    expect(TRAINING_OPERATORS.map((o) => o.login).sort()).toEqual(Object.keys(PUBLISHED).sort());
    for (const op of TRAINING_OPERATORS) expect(verifyPassword(PUBLISHED[op.login]!, op.password_hash)).toBe(true);
  });

  it('a training core signs in both roles with the training credentials and refuses the disabled one', async () => {
    core = await trainingCore();
    const signIn = (login: string) => dispatch(core!.facade, 'auth.signIn', { login, password: PUBLISHED[login] });
    expect(await signIn('admin')).toEqual({ ok: true, value: { operator: { id: 'op-admin-1', displayName: 'Олена Коваленко', role: 'administrator' }, session: expect.any(String) } });
    expect(await signIn('supervisor')).toMatchObject({ ok: true, value: { operator: { id: 'op-supervisor-1', role: 'supervisor' } } });
    expect(await signIn('disabled')).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
  });

  it('seeding again on the next start keeps lockout counters and adds no duplicates', async () => {
    const dir = tempDir();
    core = await trainingCore(dir);
    await dispatch(core.facade, 'auth.signIn', { login: 'admin', password: 'wrong' });
    await core.close();
    core = await trainingCore(dir);
    expect(core.db.prepare('SELECT count(*) FROM operators').pluck().get()).toBe(TRAINING_OPERATORS.length);
    expect(core.db.prepare("SELECT failed_attempts FROM operators WHERE id = 'op-admin-1'").pluck().get()).toBe(1);
  });

  it('a production core has no training operators, and the training credentials do not work there', async () => {
    testCore = await openTestCore({ operators: [] });
    const db = testCore.core.db;
    expect(db.prepare('SELECT count(*) FROM operators').pluck().get()).toBe(0);
    // No operator has arrived from the central server: nobody signs in, and it says why.
    expect(await testCore.call('auth.signIn', { login: 'admin', password: PUBLISHED.admin })).toMatchObject({ ok: false, error: { code: 'operators_not_synced' } });
    // Even a training row that found its way into a production database is refused: it does not count as an
    // operator that arrived, and once real operators are here it is not one of them.
    const admin = TRAINING_OPERATORS[0];
    db.prepare("INSERT INTO operators (id, login, display_name, role, password_hash, source) VALUES (?, ?, ?, ?, ?, 'training')")
      .run(admin.id, admin.login, admin.display_name, admin.role, admin.password_hash);
    expect(await testCore.call('auth.signIn', { login: 'admin', password: PUBLISHED.admin })).toMatchObject({ ok: false, error: { code: 'operators_not_synced' } });
    insertOperator(db, ADMIN);
    expect(await testCore.call('auth.signIn', { login: 'admin', password: PUBLISHED.admin })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(testCore.core.info.mode).toBe('production');
    expect(testCore.core.info.dbFile).toBe(join(testCore.dir, 'console.sqlite'));
  });
});
