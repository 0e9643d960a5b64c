import { afterEach, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../../shared/api/contract';
import { ROLE_RESTRICTED_METHODS } from '../../../shared/api/permissions';
import { can } from '../../../shared/domain/operators';
import { ADMIN, SUPERVISOR, openTestCore, type TestCore } from '../../../tests/support/deciding';

const restricted = Object.entries(ROLE_RESTRICTED_METHODS) as [MethodName, NonNullable<(typeof ROLE_RESTRICTED_METHODS)[MethodName]>][];
/** Input no method's schema accepts: the check for the role must answer before anyone looks at it. */
const GARBAGE = { id: 12, note: ['x'], startsAt: false, limit: 'all', includeResolved: 'yes', extra: { deep: null } };

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('a call the role does not allow is refused for the role before its input is checked', () => {
  it('lists only methods of the contract, each with a permission the administrator lacks', () => {
    expect(restricted.length).toBeGreaterThan(0);
    for (const [method, permission] of restricted) {
      expect(Object.keys(contract)).toContain(method);
      expect(can('administrator', permission)).toBe(false);
      expect(can('supervisor', permission)).toBe(true);
    }
  });

  it.each(restricted.map(([m]) => m))('%s from an administrator with malformed input answers forbidden, and writes nothing', async (method) => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    const auditBefore = t.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const r = await t.call(method, GARBAGE);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const auditAfter = t.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect(auditAfter.n).toBe(auditBefore.n);
  });

  it.each(restricted.map(([m]) => m))('%s from a supervisor with the same input reaches validation (invalid_input)', async (method) => {
    t = await openTestCore();
    await t.signIn(SUPERVISOR);
    const r = await t.call(method, GARBAGE);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('without a session a restricted call answers session_required, not a validation error', async () => {
    t = await openTestCore();
    for (const [method] of restricted) {
      expect(await t.call(method, GARBAGE)).toMatchObject({ ok: false, error: { code: 'session_required' } });
    }
  });
});
