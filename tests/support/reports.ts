import { generateApplications } from '../../shared/training';
import type { ApplicationRecord } from '../../shared/domain/application';

/**
 * Training applications of the test core's center (sc-8041): realistic histories with every status, both
 * services and both delivery methods, refusals with reasons, and operators op-admin-1…3 and op-supervisor-1.
 */
export function reportRecords(size: number, now: number, seed = 11): ApplicationRecord[] {
  return [...generateApplications({ seed, size, now })].map((r) => ({ ...r, centerId: 'sc-8041' }));
}
