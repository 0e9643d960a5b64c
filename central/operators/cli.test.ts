import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminOperator } from '../../shared/sync/operators';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { CENTER, call, seedWorld } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';
import { runCentersCli, runOperatorsCli } from './cli';

let server: TempCentral;
beforeEach(async () => {
  server = await startTempCentral();
  await seedWorld(server);
});
afterEach(async () => {
  await server.dispose();
});

/** Runs `npm run central -- operators …` (or `centers …`) in-process; answers the exit code and what it printed. */
async function run(tool: typeof runOperatorsCli, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tool(args, { env: { CENTRAL_URL: server.url, CENTRAL_ADMIN_TOKEN: server.adminToken }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const cli = (...args: string[]) => run(runOperatorsCli, args);
const centers = (...args: string[]) => run(runCentersCli, args);
const operatorOf = (out: string) => (JSON.parse(out.slice(out.indexOf('{'))) as { operator: AdminOperator }).operator;

describe('npm run central -- operators', () => {
  it('the operators of a new center, as the README says: put the center, add its supervisor and administrator, enrol a workstation that gets them', async () => {
    const put = ['put', '--center', 'sc-1241', '--name', 'Територіальний сервісний центр МВС № 1241', '--address', '49000, м. Дніпро, вул. Марії Лисиченко, 3'];
    expect(JSON.parse((await centers(...put)).out)).toMatchObject({ created: true, center: { id: 'sc-1241' } });
    const counts = await server.admin.counts();
    expect(JSON.parse((await centers(...put)).out)).toMatchObject({ created: false });
    expect(await server.admin.counts()).toEqual(counts);
    expect((JSON.parse((await centers('list')).out) as { centers: { id: string }[] }).centers.map((c) => c.id)).toContain('sc-1241');
    expect(await centers('put', '--center', 'SC 1241', '--name', 'x', '--address', 'y')).toMatchObject({ code: 1, err: expect.stringContaining('422 invalid_center_id') });
    expect(await centers('put', '--center', 'sc-1242', '--name', 'x', '--address', 'Дніпро')).toMatchObject({ code: 1, err: expect.stringContaining('422 invalid_center') });
    expect(await centers('put', '--center', 'sc-1242')).toMatchObject({ code: 2 });

    const supervisor = await cli('add', '--center', 'sc-1241', '--login', 'lysenko', '--name', 'Оксана Лисенко', '--role', 'supervisor');
    const administrator = await cli('add', '--center', 'sc-1241', '--login', 'moroz', '--name', 'Тарас Мороз', '--role', 'administrator');
    expect([supervisor.code, administrator.code]).toEqual([0, 0]);
    const { code } = JSON.parse((await centers('code', '--center', 'sc-1241')).out) as { code: string };
    const enrolled = await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: 'ws-1241-01', centerId: 'sc-1241' } });
    expect(enrolled.status).toBe(200);
    const { token } = enrolled.json as { token: string };
    const data = ReferenceDataSchema.parse((await call(server, 'GET', '/v1/centers/sc-1241/reference', { token })).json);
    expect(data.centers.find((c) => c.id === 'sc-1241')).toMatchObject({ name: 'Територіальний сервісний центр МВС № 1241' });
    expect(data.operators.map((o) => [o.login, o.role, o.mustChangePassword])).toEqual(
      expect.arrayContaining([['lysenko', 'supervisor', true], ['moroz', 'administrator', true]]),
    );
    expect(data.operators).toHaveLength(2);
  });

  it('adds an operator and prints the one-time password once; lists, disables, re-enables, sets the role, resets the password', async () => {
    const added = await cli('add', '--center', CENTER, '--login', 'ivanenko', '--name', 'Іван Іваненко', '--role', 'administrator');
    expect(added.code).toBe(0);
    const otp = /^ {2}([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})$/m.exec(added.out)?.[1];
    expect(otp).toBeDefined();
    expect(added.out.split(otp!).length).toBe(2);
    expect(operatorOf(added.out)).toMatchObject({ login: 'ivanenko', mustChangePassword: true, role: 'administrator' });

    const listed = JSON.parse((await cli('list', '--center', CENTER)).out) as { operators: AdminOperator[] };
    expect(listed.operators.map((o) => o.login)).toContain('ivanenko');
    expect((await cli('list')).out).not.toContain(otp!);

    expect(operatorOf((await cli('disable', '--center', CENTER, '--login', 'ivanenko')).out)).toMatchObject({ disabled: true });
    expect(operatorOf((await cli('enable', '--center', CENTER, '--login', 'ivanenko')).out)).toMatchObject({ disabled: false });
    expect(operatorOf((await cli('role', '--center', CENTER, '--login', 'ivanenko', '--role', 'supervisor')).out)).toMatchObject({ role: 'supervisor' });

    const reset = await cli('reset-password', '--center', CENTER, '--login', 'ivanenko', '--password', 'maple-cloud-17');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('  maple-cloud-17');
    const events = JSON.parse((await cli('events', '--center', CENTER, '--login', 'ivanenko')).out) as { events: { kind: string }[] };
    expect(events.events.map((e) => e.kind)).toEqual(['added', 'disabled', 'enabled', 'role_changed', 'password_reset']);
  });

  it('exit 2 for a mistake on the command line, 1 with the server\'s code and sentence when it refuses', async () => {
    expect(await cli('add', '--center', CENTER, '--login', 'x1')).toMatchObject({ code: 2, err: 'operators: add needs --name' });
    expect((await cli('fire', '--center', CENTER)).code).toBe(2);
    expect((await cli('list', '--bogus')).code).toBe(2);
    expect((await runOperatorsCli(['list'], { env: {}, out: () => {}, err: () => {} }))).toBe(2);

    const weak = await cli('add', '--center', CENTER, '--login', 'petro', '--name', 'Петро', '--role', 'administrator', '--password', 'petro123');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('422 weak_password');
    const role = await cli('role', '--center', CENTER, '--login', 'op-admin-1', '--role', 'boss');
    expect(role).toMatchObject({ code: 1 });
    expect(role.err).toContain('422 invalid_role');
    expect((await cli('disable', '--center', CENTER, '--login', 'nobody')).err).toContain('404 unknown_operator');
    expect((await cli('disable', '--center', 'sc-0000', '--login', 'nobody')).err).toContain('404 unknown_center');
    await cli('add', '--center', CENTER, '--login', 'ivanenko', '--name', 'Іван', '--role', 'administrator');
    expect((await cli('add', '--center', CENTER, '--login', 'ivanenko', '--name', 'Іван', '--role', 'administrator')).err).toContain('409 duplicate_login');
  });
});
