/** What the citizen's cabinet files during the bench: generated training applications under new ids. */
import type { ApplicationRecord } from '../../shared/domain/application';
import type { IntakeApplication } from '../../shared/sync/central-api';
import { generateApplications } from '../../shared/training';
import { NOW } from './seed';

let pool: ApplicationRecord[] | null = null;

export function intakeBody(id: string, center: string, k: number): IntakeApplication {
  pool ??= [...generateApplications({ seed: 20, size: 200, now: NOW })];
  const { version: _v, status: _s, history, refusal: _r, newLicenceNumber: _n, claim: _c, ...fields } = pool[k % pool.length]!;
  return {
    ...fields,
    id,
    number: `I-${id}`.slice(0, 32),
    centerId: center,
    submittedAt: history[0]!.at,
    delivery: fields.delivery.method === 'pickup' ? { ...fields.delivery, centerId: center } : fields.delivery,
  };
}
