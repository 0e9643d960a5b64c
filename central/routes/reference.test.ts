import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { CENTER, NOW, OTHER_CENTER, call, periodOp, push, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
});
afterEach(() => server.dispose());

const reference = (token: string, center = CENTER, headers: Record<string, string> = {}) => call(server, 'GET', `/v1/centers/${center}/reference`, { token, headers });

describe('reference data', () => {
  it('carries every center, this center\'s operators with their hashes, the catalogue, the calendar and the fees', async () => {
    const res = await reference(world.tokens.a);
    expect(res.status).toBe(200);
    const data = ReferenceDataSchema.parse(res.json);
    expect(data.centers.map((c) => c.id)).toEqual([OTHER_CENTER, CENTER]);
    expect(data.operators.map((o) => [o.id, o.role, o.centerId, o.disabled])).toEqual([
      ['op-admin-1', 'administrator', CENTER, false], ['op-admin-2', 'administrator', CENTER, false], ['op-supervisor-1', 'supervisor', CENTER, false],
    ]);
    expect(data.operators[0]!.passwordHash).toMatch(/^scrypt\$/);
    expect(data.refusalReasons).toHaveLength(9);
    expect(data.refusalReasons[0]).toEqual({
      code: 'not_in_register', titleUk: 'Посвідчення водія відсутнє в Єдиному державному реєстрі МВС',
      titleEn: 'The licence is not in the unified register of the Ministry', suggestedForCheck: 'licenceInRegister', active: true,
    });
    expect(data.nonWorkingDays).toEqual([]);
    expect(data.fees).toEqual({ blankFee: 25_400, adminFee: 2_600, deliveryFee: 29_400 });
    expect(res.headers.get('etag')).toBe(`"${data.version}"`);
  });

  it('answers 304 while the version is the same, and a new version once a force-majeure period is recorded', async () => {
    const first = await reference(world.tokens.a);
    const etag = first.headers.get('etag')!;
    expect((await reference(world.tokens.a, CENTER, { 'if-none-match': etag })).status).toBe(304);
    await push(server, world.tokens.a, 'ws-a', [periodOp()]);
    const next = await reference(world.tokens.x, OTHER_CENTER, { 'if-none-match': etag });
    expect(next.status).toBe(200);
    expect(ReferenceDataSchema.parse(next.json).forceMajeurePeriods).toHaveLength(1);
  });
});
