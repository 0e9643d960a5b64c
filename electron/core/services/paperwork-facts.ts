import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { FactRecord } from '../../../shared/api/paperwork';
import { AppError } from '../../../shared/api/errors';
import type { DeliveryMethod } from '../../../shared/domain/application';
import { checkFact, type FactFlagReason, type FactInput, type PrintDocument, type PrintMethod } from '../../../shared/domain/facts';
import { isDecisionPending, statusRank, type Status } from '../../../shared/domain/status';
import type { Db } from '../store/database';
import type { AuditLog } from './audit';
import { deadlineColumns } from './deadlines';
import type { Outbox } from './outbox';

/** The application columns a fact needs. */
export interface FactTarget {
  rowid: number;
  id: string;
  number: string;
  status: Status;
  version: number;
  center_id: string;
  due_at: number;
  delivery: DeliveryMethod;
}

/** Columns of the fact row beside the outcome (prints and shipments). */
export interface FactColumns {
  document?: PrintDocument;
  how?: PrintMethod;
  copy?: number;
  batchId?: string | null;
  tracking?: string;
}

export interface RecordedFact extends FactRecord {
  seq: number;
}

export const NOT_IN_QUEUE = 'This application is not in the local queue. It may have been removed; refresh the queue.';

/**
 * Records facts (DESIGN.md, "Facts are never rejected"). `record` runs inside the caller's user-action
 * transaction and writes, together: the status (only along an allowed transition), the fact row, a review flag
 * when the fact is odd, the outbox op and the audit entry. The rules are `checkFact` in shared/.
 */
export class FactRecorder {
  private readonly s: {
    byId: BetterSqlite3.Statement<[string], FactTarget>;
    byNumberKey: BetterSqlite3.Statement<[string], FactTarget>;
    update: BetterSqlite3.Statement;
    insertFact: BetterSqlite3.Statement;
    insertFlag: BetterSqlite3.Statement;
  };

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {
    const columns = 'rowid, id, number, status, version, center_id, due_at, delivery';
    this.s = {
      byId: db.prepare(`SELECT ${columns} FROM applications WHERE id = ?`),
      byNumberKey: db.prepare(`SELECT ${columns} FROM applications WHERE number_key = ? ORDER BY rowid LIMIT 1`),
      // A fact ends any claim: the application is past deciding. The facet triggers fire on status and due_day.
      update: db.prepare(`UPDATE applications SET status = ?, status_rank = ?, pending = ?, due_sort = ?, due_day = ?,
        claimed_by = NULL, claimed_at = NULL WHERE rowid = ?`),
      insertFact: db.prepare(`INSERT INTO paperwork_facts (op_id, application_id, kind, at, operator_id, status_seen, status_after, flag,
          document, how, copy, batch_id, tracking)
        VALUES (@op_id, @application_id, @kind, @at, @operator_id, @status_seen, @status_after, @flag, @document, @how, @copy, @batch_id, @tracking)`),
      insertFlag: db.prepare(`INSERT INTO review_flags (id, fact_seq, application_id, reason, flagged_at, operator_id)
        VALUES (?, ?, ?, ?, ?, ?)`),
    };
  }

  find(id: string): FactTarget | undefined {
    return this.s.byId.get(id);
  }

  load(id: string): FactTarget {
    const row = this.s.byId.get(id);
    if (!row) throw new AppError('not_found', NOT_IN_QUEUE);
    return row;
  }

  /** By the number key (digits and letters only), the form application numbers are indexed by. */
  findByNumberKey(key: string): FactTarget | undefined {
    return this.s.byNumberKey.get(key);
  }

  record(app: FactTarget, fact: FactInput, operatorId: string, at: number, args: Record<string, unknown>, columns: FactColumns = {}): RecordedFact {
    if (!this.db.inTransaction) throw new Error('facts are recorded inside the action transaction');
    const outcome = checkFact(fact, app.status);
    const flag: FactFlagReason | null = outcome.flag;
    if (outcome.moved) {
      const pending = isDecisionPending(outcome.next);
      const due = deadlineColumns(app.due_at, pending);
      this.s.update.run(outcome.next, statusRank(outcome.next), pending ? 1 : 0, due.due_sort, due.due_day, app.rowid);
    }
    const opArgs = { ...args, statusSeen: app.status, statusAfter: outcome.next, flag };
    const op = this.outbox.append({
      scope: 'application', applicationId: app.id, type: fact.kind, baseVersion: app.version,
      centerId: app.center_id, args: opArgs, clientTime: at, operatorId,
    });
    const info = this.s.insertFact.run({
      op_id: op.opId, application_id: app.id, kind: fact.kind, at, operator_id: operatorId,
      status_seen: app.status, status_after: outcome.next, flag,
      document: columns.document ?? null, how: columns.how ?? null, copy: columns.copy ?? null,
      batch_id: columns.batchId ?? null, tracking: columns.tracking ?? null,
    });
    const seq = Number(info.lastInsertRowid);
    if (flag) this.s.insertFlag.run(uuidv7(), seq, app.id, flag, at, operatorId);
    this.audit.append({
      at, operatorId, action: `application.${fact.kind}`, entityId: app.id,
      details: { opId: op.opId, from: app.status, to: outcome.next, flag, args },
    });
    // Later facts in the same transaction (a batch, a print run) see the status this one left.
    app.status = outcome.next;
    return {
      seq, opId: op.opId, applicationId: app.id, kind: fact.kind, at: new Date(at).toISOString(),
      statusSeen: opArgs.statusSeen, statusAfter: outcome.next, moved: outcome.moved, flag,
    };
  }
}
