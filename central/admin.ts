import { sql } from 'kysely';
import type { ApplicationRecord } from '../shared/domain/application';
import type { IntakeApplication } from '../shared/sync/central-api';
import type { Services } from './services/container';
import type { CentralEvent } from './services/events';

/** Tables whose row counts tests compare before and after a refused request ("changes nothing"). */
export const COUNTED_TABLES = [
  'applications', 'claims', 'receipts', 'effects', 'facts', 'workstations', 'enrolment_codes', 'force_majeure_periods', 'images',
  'operators', 'operator_events', 'centers', 'refusal_reasons', 'non_working_days', 'meta',
] as const;

/**
 * In-process helpers for tests and tools: the same services the HTTP routes call, without a token. Not reachable over
 * HTTP; the admin endpoints are. Each is its own transaction.
 */
export function createAdmin(s: Services) {
  return {
    async issueEnrolmentCode(centerId: string, ttlSeconds?: number): Promise<string> {
      return (await s.store.write((tx) => s.workstations.issueCode(tx, centerId, { ttlSeconds }))).code;
    },
    /** Issues a code and enrols with it: the token a workstation would get. */
    async enrol(workstationId: string, centerId: string): Promise<string> {
      const code = await this.issueEnrolmentCode(centerId);
      return (await s.workstations.enrol({ code, workstationId, centerId })).token;
    },
    revoke(workstationId: string): Promise<boolean> {
      return s.workstations.revoke(workstationId);
    },
    workstation(workstationId: string) {
      return s.workstations.get(workstationId);
    },
    intake(input: IntakeApplication): Promise<ApplicationRecord> {
      return s.intake.intake(input);
    },
    async event(event: CentralEvent): Promise<ApplicationRecord> {
      return (await s.events.apply(event)).application;
    },
    async application(id: string): Promise<ApplicationRecord | undefined> {
      return (await s.apps.get(s.store.db, id))?.record;
    },
    async addCenter(center: { id: string; name: string; address: string }): Promise<void> {
      await s.store.write(async (tx) => {
        await tx.insertInto('centers').values(center).onConflict((oc) => oc.column('id').doNothing()).execute();
        await s.meta.bumpReferenceVersion(tx);
      });
    },
    async addOperator(op: { id: string; centerId: string; login: string; displayName: string; role: 'administrator' | 'supervisor'; passwordHash: string; disabled?: boolean }): Promise<void> {
      await s.store.write(async (tx) => {
        await tx
          .insertInto('operators')
          .values({
            id: op.id, center_id: op.centerId, login: op.login, display_name: op.displayName, role: op.role,
            password_hash: op.passwordHash, disabled: op.disabled ? 1 : 0, source: 'central',
          })
          .execute();
        await s.meta.bumpReferenceVersion(tx);
      });
    },
    /** Row counts of every table plus the feed's mark (store.feedMark): equal before and after means nothing was written. */
    async counts(): Promise<Record<string, number>> {
      const db = s.store.db;
      // One statement, so the counts are of one moment.
      const counts = sql.join(COUNTED_TABLES.map((t) => sql`(SELECT count(*) FROM ${sql.table(t)}) AS ${sql.ref(t)}`));
      const row = (await sql<Record<string, number>>`SELECT ${counts}`.execute(db)).rows[0]!;
      const out: Record<string, number> = Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(row[t])]));
      out.feedMark = await s.store.feedMark();
      out.referenceVersion = await s.meta.referenceVersion(db);
      return out;
    },
    failNextPushes(n: number): void {
      s.faults.failPushes = n;
    },
    /** A new epoch: every workstation's next pull gets the reset answer. */
    async resetCursors(): Promise<void> {
      await s.store.write((tx) => s.meta.renewEpoch(tx));
    },
  };
}

export type CentralAdmin = ReturnType<typeof createAdmin>;
