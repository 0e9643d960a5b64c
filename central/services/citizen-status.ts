import { CITIZEN_STATUS } from '../../shared/domain/status';
import { CitizenStatusSchema, type CitizenStatus } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import type { CentralStore } from '../store/store';
import type { ApplicationStore } from './applications';
import type { ReferenceService } from './reference';

/**
 * What "My services" shows for an application: the citizen-facing status, the first time each was reached, and a
 * refusal's reason and explanation. Never operators, claims, conflicts or deadline flags. The number and the date of
 * birth must both match; any mismatch gets the same 404, so the look-up does not reveal which numbers exist.
 */
export class CitizenStatusService {
  constructor(
    private readonly store: CentralStore,
    private readonly apps: ApplicationStore,
    private readonly reference: ReferenceService,
  ) {}

  async lookup(number: string, birthDate: string): Promise<CitizenStatus> {
    const app = await this.apps.byNumber(this.store.db, number);
    if (!app || app.record.applicant.birthDate !== birthDate) {
      throw new HttpError(404, 'not_found', 'No application with this number and date of birth was found.');
    }
    const r = app.record;
    const steps: CitizenStatus['steps'] = [];
    const seen = new Set<string>();
    for (const h of r.history) {
      const key = CITIZEN_STATUS[h.status];
      if (seen.has(key)) continue;
      seen.add(key);
      steps.push({ status: key, at: h.at });
    }
    const reason = r.status === 'refused' && r.refusal ? await this.reference.reason(this.store.db, r.refusal.reasonCode) : undefined;
    return CitizenStatusSchema.parse({
      number: r.number,
      service: r.service,
      status: CITIZEN_STATUS[r.status],
      updatedAt: r.history[r.history.length - 1]?.at ?? r.submittedAt,
      steps,
      refusal:
        r.status === 'refused' && r.refusal
          ? { reasonCode: r.refusal.reasonCode, titleUk: reason?.title_uk ?? r.refusal.reasonCode, titleEn: reason?.title_en ?? r.refusal.reasonCode, explanation: r.refusal.explanation }
          : null,
      delivery: r.delivery.method,
    });
  }
}
