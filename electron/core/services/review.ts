import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { ReviewItem } from '../../../shared/api/paperwork';
import type { FactFlagReason, FactKind } from '../../../shared/domain/facts';
import type { Status } from '../../../shared/domain/status';
import type { SqlRunner } from '../store/sql';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import { commitUserAction } from './user-action';

interface FlagRow {
  id: string;
  application_id: string;
  number: string | null;
  kind: FactKind;
  reason: FactFlagReason;
  flagged_at: number;
  operator_id: string;
  operator_name: string | null;
  status_seen: Status;
  status_after: Status;
  resolved_at: number | null;
  resolved_by: string | null;
  resolver_name: string | null;
  resolution_note: string | null;
  settled_by_central: 0 | 1;
}

/**
 * The supervisor's review list: facts recorded at this workstation that did not fit the status machine (after a
 * cancellation, out of order). A supervisor resolves each with a note; the note is stored as the text typed.
 * Resolving is local and audited; the central server flags the same facts on its side when they are pushed, and a
 * flag the server did not raise is settled by it (services/review-settlement.ts).
 */
export class ReviewService {
  private readonly s: {
    list: BetterSqlite3.Statement<[number, number], FlagRow>;
    one: BetterSqlite3.Statement<[string], FlagRow>;
    open: BetterSqlite3.Statement<[], { n: number }>;
    resolve: BetterSqlite3.Statement;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void,
  ) {
    const db = sql.db;
    const select = `SELECT r.id, r.application_id, a.number, f.kind, r.reason, r.flagged_at, r.operator_id, o.display_name AS operator_name,
        f.status_seen, f.status_after, r.resolved_at, r.resolved_by, ro.display_name AS resolver_name, r.resolution_note,
        r.settled_by_central
      FROM review_flags r JOIN paperwork_facts f ON f.seq = r.fact_seq
      LEFT JOIN applications a ON a.id = r.application_id
      LEFT JOIN operators o ON o.id = r.operator_id LEFT JOIN operators ro ON ro.id = r.resolved_by`;
    this.s = {
      list: db.prepare(`${select} WHERE ? = 1 OR r.resolved_at IS NULL ORDER BY r.flagged_at DESC, r.fact_seq DESC LIMIT ?`),
      one: db.prepare(`${select} WHERE r.id = ?`),
      open: db.prepare('SELECT count(*) AS n FROM review_flags WHERE resolved_at IS NULL'),
      resolve: db.prepare('UPDATE review_flags SET resolved_at = ?, resolved_by = ?, resolution_note = ? WHERE id = ? AND resolved_at IS NULL'),
    };
  }

  list(includeResolved: boolean, limit: number): { items: ReviewItem[]; open: number } {
    this.session.requireOperator('review.manage');
    return { items: this.s.list.all(includeResolved ? 1 : 0, limit).map(toItem), open: this.s.open.get()!.n };
  }

  resolve(id: string, rawNote: string): { item: ReviewItem } {
    const operator = this.session.requireOperator('review.manage');
    const note = rawNote.trim();
    if (!note) throw new AppError('note_required', 'Write a note saying how the case was resolved.');
    const at = this.now();
    commitUserAction(this.sql, () => {
      const row = this.s.one.get(id);
      if (!row) throw new AppError('not_found', 'This review item is not known at this workstation; refresh the review list.');
      if (row.resolved_at !== null) {
        const by = row.settled_by_central ? 'the central server' : (row.resolver_name ?? row.resolved_by);
        throw new AppError('review_already_resolved', `This item was already resolved by ${by}.`);
      }
      this.s.resolve.run(at, operator.id, note, id);
      this.audit.append({ at, operatorId: operator.id, action: 'review.resolve', entityId: id, details: { flagId: id, applicationId: row.application_id, note } });
    });
    this.onChanged('review.resolve');
    return { item: toItem(this.s.one.get(id)!) };
  }
}

function toItem(r: FlagRow): ReviewItem {
  return {
    id: r.id, applicationId: r.application_id, applicationNumber: r.number, fact: r.kind, reason: r.reason,
    at: new Date(r.flagged_at).toISOString(), operatorId: r.operator_id, operatorName: r.operator_name,
    statusSeen: r.status_seen, statusAfter: r.status_after,
    resolved: r.resolved_at === null
      ? null
      : {
          at: new Date(r.resolved_at).toISOString(), operatorId: r.resolved_by, operatorName: r.resolver_name, note: r.resolution_note!,
          settledByCentral: r.settled_by_central === 1,
        },
  };
}
