import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CitizenStatusSchema } from '../../shared/sync/central-api';
import { EXPLANATION, NOW, appOp, call, fileApplications, push, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 2);
});
afterEach(() => server.dispose());

const lookup = (number: string, birthDate = '1985-03-09') => call(server, 'GET', `/v1/status/${number}?birthDate=${birthDate}`);

describe('the citizen\'s status look-up ("My services")', () => {
  it('shows the citizen-facing status and its steps, with no operator, claim or workstation in it', async () => {
    // Taken into work an hour before it reached the server: the citizen sees the time it happened.
    const takenAt = new Date(NOW - 3_600_000).toISOString();
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', 'app-000001', { clientTime: takenAt })]);
    const res = await lookup('2026-000001');
    expect(res.status).toBe(200);
    const status = CitizenStatusSchema.parse(res.json);
    expect(status).toMatchObject({ number: '2026-000001', service: 'exchange', status: 'inWork', refusal: null, delivery: 'pickup', updatedAt: takenAt });
    expect(status.steps.map((s) => s.status)).toEqual(['sent', 'inWork']);
    expect(res.text).not.toMatch(/op-admin|ws-a|claim|operator|rnokpp|Шевченко/);
  });

  it('a refusal shows the reason\'s titles and the explanation written for the citizen', async () => {
    await push(server, world.tokens.a, 'ws-a', [appOp('claim', 'app-000002'), appOp('refuse', 'app-000002', { baseVersion: 2 })]);
    const status = CitizenStatusSchema.parse((await lookup('2026-000002')).json);
    expect(status.status).toBe('refused');
    expect(status.refusal).toEqual({
      reasonCode: 'not_in_register',
      titleUk: 'Посвідчення водія відсутнє в Єдиному державному реєстрі МВС',
      titleEn: 'The licence is not in the unified register of the Ministry',
      explanation: EXPLANATION,
    });
  });

  it('a wrong date of birth and an unknown number get the same 404', async () => {
    const wrongDate = await lookup('2026-000001', '1985-03-10');
    const unknown = await lookup('2026-999999');
    expect(wrongDate.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrongDate.json).toEqual(unknown.json);
  });
});
