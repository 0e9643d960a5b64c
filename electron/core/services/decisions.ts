import type BetterSqlite3 from 'better-sqlite3';
import type { DecisionResult } from '../../../shared/api/decisions';
import { AppError } from '../../../shared/api/errors';
import type { AutoChecks, StatusChange } from '../../../shared/domain/application';
import { checkDecision, cleanExplanation, MANUAL_CHECKS, type DecisionAction, type ManualChecks } from '../../../shared/domain/decisions';
import type { OperatorRef } from '../../../shared/domain/operators';
import { isDecisionPending, statusRank, type Status } from '../../../shared/domain/status';
import type { SqlRunner } from '../store/sql';
import { claimHolderOf, type ApplicationView } from './application-view';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import { deadlineColumns } from './deadlines';
import type { Outbox } from './outbox';
import type { RefusalCatalogue } from './refusal-reasons';
import { commitUserAction } from './user-action';

interface DecisionRow {
  rowid: number;
  status: string;
  version: number;
  center_id: string;
  due_at: number;
  claimed_by: string | null;
  auto_checks: string;
}

export interface DecisionCommit {
  opId: string;
  seq: number;
  from: Status;
  next: Status;
}

/**
 * Claims, releases, approvals and refusals. Each is one transaction: the application row's new state, an outbox
 * op and an audit entry, or an AppError with nothing written. The rules themselves are `checkDecision` in shared/.
 */
export class DecisionService {
  private readonly statements: {
    load: BetterSqlite3.Statement<[string], DecisionRow>;
    history: BetterSqlite3.Statement<[number], { history: string }>;
    update: BetterSqlite3.Statement;
    next: BetterSqlite3.Statement<[string], { id: string }>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly reasons: RefusalCatalogue,
    private readonly view: ApplicationView,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void = () => {},
  ) {
    const db = sql.db;
    this.statements = {
      // Only the automatic checks are read from the record: SQLite extracts them without parsing it in JS.
      load: db.prepare(`SELECT a.rowid, a.status, a.version, a.center_id, a.due_at, a.claimed_by,
          json_extract(r.record, '$.autoChecks') AS auto_checks
        FROM applications a JOIN application_records r ON r.rowid = a.rowid WHERE a.id = ?`),
      history: db.prepare("SELECT json_extract(record, '$.history') AS history FROM application_records WHERE rowid = ?"),
      // due_sort and due_day follow `pending` (the queue sorts and counts by them); the facet triggers fire here.
      update: db.prepare(`UPDATE applications SET status = ?, status_rank = ?, pending = ?, due_sort = ?, due_day = ?,
        claimed_by = ?, claimed_at = ? WHERE rowid = ?`),
      // The most urgent application nobody has in work; pending rows come first in due_sort.
      next: db.prepare(`SELECT id FROM applications WHERE status IN ('submitted', 'received') AND id <> ? ORDER BY due_sort, rowid LIMIT 1`),
    };
  }

  claim(id: string): DecisionResult {
    return this.decide(id, { kind: 'claim' });
  }

  release(id: string): DecisionResult {
    return this.decide(id, { kind: 'release' });
  }

  /** With `takeIntoWork`, the claim is taken in the same transaction, before the approval (see ApproveInputSchema). */
  approve(id: string, manualChecks: ManualChecks, takeIntoWork = false): DecisionResult {
    return this.decide(id, withClaim({ kind: 'approve', manualChecks }, takeIntoWork));
  }

  refuse(id: string, reasonCode: string, explanation: string, takeIntoWork = false): DecisionResult {
    return this.decide(id, withClaim({ kind: 'refuse', reasonCode, explanation }, takeIntoWork));
  }

  private decide(id: string, action: DecisionAction | DecisionAction[]): DecisionResult {
    const steps = Array.isArray(action) ? action : [action];
    const commits = this.commitSteps(id, steps);
    for (const step of steps) this.onChanged(`application.${step.kind}`);
    return {
      application: this.view.detail(id, this.now()),
      opId: commits[commits.length - 1]!.opId,
      nextApplicationId: this.statements.next.get(id)?.id ?? null,
    };
  }

  /** The decision commit alone (what the bench measures): checks, then state + outbox + audit in one transaction. */
  commit(id: string, action: DecisionAction): DecisionCommit {
    return this.commitSteps(id, [action])[0]!;
  }

  /**
   * One user action of one or more steps (the fast path's claim and decision): every step is checked against the
   * state the one before left and writes its own op and audit entry, all in one transaction; a refused step
   * leaves nothing of the others.
   */
  private commitSteps(id: string, actions: readonly DecisionAction[]): DecisionCommit[] {
    const operator = this.session.requireOperator('application.decide');
    return commitUserAction(this.sql, () => actions.map((action) => this.commitStep(id, action, operator)));
  }

  private commitStep(id: string, action: DecisionAction, operator: OperatorRef): DecisionCommit {
    const s = this.statements;
    const row = s.load.get(id);
    if (!row) throw new AppError('not_found', 'This application is not in the local queue. It may have been removed; refresh the queue.');
    const from = row.status as Status;
    const outcome = checkDecision(action, { status: from, claimHolder: this.claimHolder(row), autoChecks: JSON.parse(row.auto_checks) as AutoChecks }, {
      operator,
      isKnownReason: (code) => this.reasons.isKnown(code),
    });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message);

    const at = this.now();
    const pending = isDecisionPending(outcome.next);
    const due = deadlineColumns(row.due_at, pending);
    s.update.run(outcome.next, statusRank(outcome.next), pending ? 1 : 0, due.due_sort, due.due_day, outcome.claimHolder, outcome.claimHolder ? at : null, row.rowid);
    const args = opArgs(action, outcome.releasedClaimOf, operator.id, at);
    const op = this.outbox.append({
      scope: 'application', applicationId: id, type: action.kind, baseVersion: row.version,
      centerId: row.center_id, args, clientTime: at, operatorId: operator.id,
    });
    this.audit.append({
      at, operatorId: operator.id, action: `application.${action.kind}`, entityId: id,
      details: { opId: op.opId, from, to: outcome.next, args },
    });
    return { opId: op.opId, seq: op.seq, from, next: outcome.next };
  }

  private claimHolder(row: DecisionRow): string | null {
    if (row.status !== 'in_review' || row.claimed_by) return claimHolderOf(row.status as Status, row.claimed_by, []);
    // Pulled already in review: the holder is named in the record's history (parsed only in this rare case).
    const history = JSON.parse(this.statements.history.get(row.rowid)!.history) as StatusChange[];
    return claimHolderOf('in_review', null, history);
  }
}

/** The decision alone, or (the fast path) the claim and then the decision. */
function withClaim(action: DecisionAction, takeIntoWork: boolean): DecisionAction[] {
  return takeIntoWork ? [{ kind: 'claim' }, action] : [action];
}

/**
 * What the op carries to the central server; the explanation is stored as the citizen will read it: trimmed and
 * without invisible direction controls.
 */
function opArgs(action: DecisionAction, releasedClaimOf: string | null, operatorId: string, at: number): Record<string, unknown> {
  switch (action.kind) {
    case 'claim':
      return {};
    case 'release':
      return { releasedClaimOf };
    case 'approve':
      // Each check is affirmed by the approving operator in the approval itself (one by one or in one confirmation).
      return {
        manualChecks: action.manualChecks,
        checkMarks: MANUAL_CHECKS.filter((c) => action.manualChecks[c]).map((check) => ({ check, operatorId, tickedAt: new Date(at).toISOString() })),
      };
    case 'refuse':
      return { reasonCode: action.reasonCode, explanation: cleanExplanation(action.explanation) };
  }
}
