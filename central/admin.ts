import type { ApplicationRecord } from '../shared/domain/application';
import type { IntakeApplication } from '../shared/sync/central-api';
import type { Services } from './services/container';
import type { CentralEvent } from './services/events';
import { qb } from './store/sql';

/** Tables whose row counts tests compare before and after a refused request ("changes nothing"). */
export const COUNTED_TABLES = [
  'applications', 'claims', 'receipts', 'effects', 'facts', 'workstations', 'enrolment_codes', 'force_majeure_periods', 'images',
  'operators', 'centers', 'refusal_reasons', 'non_working_days', 'meta',
] as const;

/**
 * In-process helpers for tests and tools: the same services the HTTP routes call, without a token. Not reachable over
 * HTTP; the admin endpoints are.
 */
export function createAdmin(s: Services) {
  return {
    issueEnrolmentCode(centerId: string, ttlSeconds?: number): string {
      return s.sql.write(() => s.workstations.issueCode(centerId, { ttlSeconds })).code;
    },
    /** Issues a code and enrols with it: the token a workstation would get. */
    enrol(workstationId: string, centerId: string): string {
      const code = this.issueEnrolmentCode(centerId);
      return s.workstations.enrol({ code, workstationId, centerId }).token;
    },
    revoke(workstationId: string): boolean {
      return s.workstations.revoke(workstationId);
    },
    workstation(workstationId: string) {
      return s.workstations.get(workstationId);
    },
    intake(input: IntakeApplication): ApplicationRecord {
      return s.intake.intake(input);
    },
    event(event: CentralEvent): ApplicationRecord {
      return s.events.apply(event).application;
    },
    application(id: string): ApplicationRecord | undefined {
      return s.apps.get(id)?.record;
    },
    addCenter(center: { id: string; name: string; address: string }): void {
      s.sql.write(() => {
        s.sql.run(qb.insertInto('centers').values(center).onConflict((oc) => oc.column('id').doNothing()));
        s.meta.bumpReferenceVersion();
      });
    },
    addOperator(op: { id: string; centerId: string; login: string; displayName: string; role: 'administrator' | 'supervisor'; passwordHash: string; disabled?: boolean }): void {
      s.sql.write(() => {
        s.sql.run(
          qb.insertInto('operators').values({
            id: op.id, center_id: op.centerId, login: op.login, display_name: op.displayName, role: op.role,
            password_hash: op.passwordHash, disabled: op.disabled ? 1 : 0, source: 'central',
          }),
        );
        s.meta.bumpReferenceVersion();
      });
    },
    /** Row counts of every table plus the feed position: equal before and after means nothing was written. */
    counts(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const t of COUNTED_TABLES) out[t] = (s.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      out.maxChangeSeq = s.apps.maxChangeSeq();
      out.referenceVersion = s.meta.referenceVersion();
      return out;
    },
    failNextPushes(n: number): void {
      s.faults.failPushes = n;
    },
    /** A new epoch: every workstation's next pull gets the reset answer. */
    resetCursors(): void {
      s.sql.write(() => s.meta.renewEpoch());
    },
  };
}

export type CentralAdmin = ReturnType<typeof createAdmin>;
