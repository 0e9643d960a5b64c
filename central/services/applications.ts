import type { ApplicationRecord, ManualCheckMark, StatusChange } from '../../shared/domain/application';
import { canTransition, type Status } from '../../shared/domain/status';
import { qb, type ApplicationsTable, type SqlRunner } from '../store/sql';

/** Who made a change: a workstation (with the operator and op), or the central server itself. */
export interface Actor {
  workstationId: string;
  operatorId: string | null;
  opId: string | null;
}

export const CENTRAL: Actor = { workstationId: 'central', operatorId: null, opId: null };

export type ApplicationRow = Omit<ApplicationsTable, 'record'>;

export interface StoredApplication {
  row: ApplicationRow;
  record: ApplicationRecord;
}

export interface ClaimRow {
  application_id: string;
  operator_id: string;
  workstation_id: string;
  op_id: string | null;
  claimed_at: number;
}

/** The winner named in a conflict: who holds or last changed what the losing op wanted. */
export interface Winner {
  workstationId: string;
  operatorId: string | null;
  opId: string | null;
}

const DECIDED: readonly Status[] = ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered', 'refused'];

/**
 * The applications aggregate: the record, its claim and the changes feed position move together. Every change
 * bumps the version by one and takes the next change sequence, so it shows in the next pull after the cursor.
 */
export class ApplicationStore {
  constructor(private readonly sql: SqlRunner) {}

  nextChangeSeq(): number {
    const r = this.sql.statement('SELECT coalesce(max(change_seq), 0) + 1 AS n FROM applications').get() as { n: number };
    return r.n;
  }

  maxChangeSeq(): number {
    return this.nextChangeSeq() - 1;
  }

  get(id: string): StoredApplication | undefined {
    const row = this.sql.get(qb.selectFrom('applications').selectAll().where('id', '=', id));
    if (!row) return undefined;
    const { record, ...rest } = row;
    return { row: rest, record: JSON.parse(record) as ApplicationRecord };
  }

  byNumber(number: string): StoredApplication | undefined {
    const row = this.sql.get(qb.selectFrom('applications').select('id').where('number', '=', number));
    return row ? this.get(row.id) : undefined;
  }

  claimOf(applicationId: string): ClaimRow | undefined {
    return this.sql.get(qb.selectFrom('claims').selectAll().where('application_id', '=', applicationId));
  }

  /** A new application (intake or the training seed); `decider` names who approved or refused a seeded record. */
  insert(record: ApplicationRecord, source: 'intake' | 'training', decider: Actor | null = null, claim: ClaimRow | null = null): void {
    this.sql.run(
      qb.insertInto('applications').values({
        id: record.id,
        number: record.number,
        center_id: record.centerId,
        status: record.status,
        version: record.version,
        change_seq: this.nextChangeSeq(),
        birth_date: record.applicant.birthDate,
        photo_hash: record.photoHash,
        signature_hash: record.signatureHash,
        source,
        last_actor: CENTRAL.workstationId,
        last_operator: null,
        last_op_id: null,
        decided_by: decider?.workstationId ?? null,
        decided_operator: decider?.operatorId ?? null,
        decided_op_id: decider?.opId ?? null,
        record: JSON.stringify(record),
      }),
    );
    if (claim) this.sql.run(qb.insertInto('claims').values(claim));
  }

  /**
   * Moves an application to `next` with a history step, as one change by `actor`. `edit` adjusts the rest of the
   * record (refusal, new licence number). The claim follows the status: held in review, dropped otherwise.
   * Returns the new record. Callers have checked the move (decisions with checkDecision, events with TRANSITIONS).
   */
  transition(
    current: StoredApplication,
    next: Status,
    actor: Actor,
    options: { at: number; note?: string | null; checks?: readonly ManualCheckMark[]; edit?: (r: ApplicationRecord) => void },
  ): ApplicationRecord {
    const from = current.record.status;
    if (!canTransition(from, next)) throw new Error(`transition ${from} -> ${next} is not in the status machine`);
    // The wire schema allows 200 steps: decisions stop at 190 (push-application.ts), the rest of a lifecycle is short.
    if (current.record.history.length >= 200) throw new Error(`application ${current.record.id} has a full history`);
    const at = new Date(options.at).toISOString();
    const record: ApplicationRecord = structuredClone(current.record);
    const step: StatusChange = { status: next, at, operatorId: actor.operatorId, note: options.note ?? null };
    if (options.checks?.length) step.checks = [...options.checks];
    record.status = next;
    record.history.push(step);
    record.version = current.row.version + 1;
    options.edit?.(record);

    if (next === 'in_review' && actor.operatorId) {
      record.claim = { operatorId: actor.operatorId, workstationId: actor.workstationId, at };
      this.sql.run(
        qb.insertInto('claims')
          .values({ application_id: record.id, operator_id: actor.operatorId, workstation_id: actor.workstationId, op_id: actor.opId, claimed_at: options.at })
          .onConflict((oc) => oc.column('application_id').doUpdateSet({ operator_id: actor.operatorId!, workstation_id: actor.workstationId, op_id: actor.opId, claimed_at: options.at })),
      );
    } else if (current.record.claim !== undefined || from === 'in_review') {
      record.claim = null;
      this.sql.run(qb.deleteFrom('claims').where('application_id', '=', record.id));
    }

    const decided = next === 'approved' || next === 'refused';
    const updated = this.sql.run(
      qb.updateTable('applications')
        .set({
          status: next,
          version: record.version,
          change_seq: this.nextChangeSeq(),
          last_actor: actor.workstationId,
          last_operator: actor.operatorId,
          last_op_id: actor.opId,
          ...(decided ? { decided_by: actor.workstationId, decided_operator: actor.operatorId, decided_op_id: actor.opId } : {}),
          record: JSON.stringify(record),
        })
        .where('id', '=', record.id)
        .where('version', '=', current.row.version),
    );
    // Everything runs in one synchronous transaction, so a lost update here is a bug: fail the request, commit nothing.
    if (updated.changes !== 1) throw new Error(`application ${record.id} changed under a transaction`);
    current.row = { ...current.row, status: next, version: record.version, last_actor: actor.workstationId, last_operator: actor.operatorId, last_op_id: actor.opId };
    if (decided) current.row = { ...current.row, decided_by: actor.workstationId, decided_operator: actor.operatorId, decided_op_id: actor.opId };
    current.record = record;
    return record;
  }

  /** Who a losing op lost to, from the server's state: the canceller, the decider, the claim holder, or the last actor. */
  winnerOf(app: StoredApplication): Winner {
    const status = app.record.status;
    if (status === 'cancelled') return { workstationId: CENTRAL.workstationId, operatorId: null, opId: null };
    if (DECIDED.includes(status) && app.row.decided_by) {
      return { workstationId: app.row.decided_by, operatorId: app.row.decided_operator, opId: app.row.decided_op_id };
    }
    if (status === 'in_review') {
      const claim = this.claimOf(app.record.id);
      if (claim) return { workstationId: claim.workstation_id, operatorId: claim.operator_id, opId: claim.op_id };
    }
    return { workstationId: app.row.last_actor, operatorId: app.row.last_operator, opId: app.row.last_op_id };
  }

  /** The manual checks affirmed for an approve op, one row each (the record's approval step carries the same marks). */
  recordChecks(opId: string, applicationId: string, marks: readonly ManualCheckMark[], at: number): void {
    if (!marks.length) return;
    this.sql.run(
      qb.insertInto('decision_checks').values(marks.map((m) => ({
        op_id: opId, application_id: applicationId, check_code: m.check, operator_id: m.operatorId, ticked_at: m.at, recorded_at: at,
      }))),
    );
  }

  logEffect(e: { opId: string | null; applicationId: string | null; centerId: string; kind: string; version: number | null; workstationId: string | null; at: number }): void {
    this.sql.run(
      qb.insertInto('effects').values({
        op_id: e.opId, application_id: e.applicationId, center_id: e.centerId, kind: e.kind, version: e.version, workstation_id: e.workstationId, at: e.at,
      }),
    );
  }
}
