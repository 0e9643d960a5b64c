import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { QuarantinedOp, SyncConflict } from '../../../shared/api/sync';
import { can, type Role } from '../../../shared/domain/operators';
import type { AuditLog } from '../services/audit';
import { commitUserAction } from '../services/user-action';
import type { SqlRunner } from '../store/sql';

interface AttentionRow {
  seq: number;
  op_id: string;
  application_id: string | null;
  number: string | null;
  type: string;
  operator_id: string;
  operator_name: string | null;
  client_time: number;
  state: string;
  result: string | null;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  acknowledger_name: string | null;
  attempts: number;
  first_failed_at: number | null;
  last_error: string | null;
}

interface StoredResult {
  code?: string | null;
  message?: string | null;
  winner?: { workstationId: string; operatorId: string | null } | null;
  serverStatus?: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * What the supervisor reads about sync: local actions the central server did not take (lost to another
 * workstation's earlier commit, or refused), with the winner named, and ops in quarantine with their errors.
 */
export class SyncReports {
  private readonly statements: {
    attention: BetterSqlite3.Statement<[string, string, number, number], AttentionRow>;
    one: BetterSqlite3.Statement<[string], AttentionRow>;
    count: BetterSqlite3.Statement<[], { n: number }>;
    name: BetterSqlite3.Statement<[string], { display_name: string }>;
    acknowledge: BetterSqlite3.Statement<[number, string, string]>;
  };

  constructor(private readonly sql: SqlRunner) {
    const select = `SELECT o.seq, o.op_id, o.application_id, a.number, o.type, o.operator_id, op.display_name AS operator_name,
          o.client_time, o.state, o.result, o.resolved_at, o.acknowledged_at, o.acknowledged_by, ack.display_name AS acknowledger_name,
          o.attempts, o.first_failed_at, o.last_error
        FROM outbox o LEFT JOIN applications a ON a.id = o.application_id LEFT JOIN operators op ON op.id = o.operator_id
        LEFT JOIN operators ack ON ack.id = o.acknowledged_by`;
    const db = sql.db;
    this.statements = {
      attention: db.prepare(`${select} WHERE o.state IN (?, ?) AND (? = 1 OR o.acknowledged_at IS NULL) ORDER BY o.seq DESC LIMIT ?`),
      one: db.prepare(`${select} WHERE o.op_id = ?`),
      count: db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('conflict', 'rejected') AND acknowledged_at IS NULL"),
      name: db.prepare('SELECT display_name FROM operators WHERE id = ?'),
      acknowledge: db.prepare('UPDATE outbox SET acknowledged_at = ?, acknowledged_by = ? WHERE op_id = ? AND acknowledged_at IS NULL'),
    };
  }

  /** Conflicts and rejections nobody has acknowledged yet: what the header counts. */
  openCount(): number {
    return this.statements.count.get()!.n;
  }

  /** The list, newest first, as `viewer` sees it (which ones they may acknowledge). */
  conflicts(limit: number, includeAcknowledged: boolean, viewer: { id: string; role: Role }): { conflicts: SyncConflict[]; total: number } {
    const rows = this.statements.attention.all('conflict', 'rejected', includeAcknowledged ? 1 : 0, limit);
    return { total: this.openCount(), conflicts: rows.map((r) => this.toConflict(r, viewer)) };
  }

  /**
   * Marks conflicts or rejections seen, all or none: each must be one (not a pending or applied op), not yet
   * acknowledged, and the viewer's own action unless the viewer is a supervisor. One transaction with its audit entry.
   */
  acknowledge(opIds: readonly string[], operator: { id: string; role: Role }, at: number, audit: AuditLog): number {
    const unique = [...new Set(opIds)];
    return commitUserAction(this.sql, () => {
      for (const opId of unique) {
        const row = this.statements.one.get(opId);
        if (!row) throw new AppError('not_found', 'This action is not in the outbox of this workstation; refresh the sync screen.');
        if (row.state !== 'conflict' && row.state !== 'rejected') {
          throw new AppError('not_a_conflict', 'Only a conflict or a rejected action can be acknowledged; this one was not refused by the central server.');
        }
        if (row.acknowledged_at !== null) {
          throw new AppError('conflict_already_acknowledged', `${row.acknowledger_name ?? row.acknowledged_by} has already acknowledged this action.`);
        }
        if (!mayAcknowledge(row, operator)) {
          throw new AppError('forbidden', "Another operator's action is acknowledged by that operator or by a supervisor.");
        }
        this.statements.acknowledge.run(at, operator.id, opId);
        audit.append({
          at, operatorId: operator.id, action: 'sync.conflict_acknowledged', entityId: opId,
          details: { opId, applicationId: row.application_id, outcome: row.state },
        });
      }
      return unique.length;
    });
  }

  private toConflict(r: AttentionRow, viewer: { id: string; role: Role }): SyncConflict {
    const result = parse(r.result);
    const winner = r.state === 'conflict' && result.winner ? result.winner : null;
    return {
      opId: r.op_id,
      seq: r.seq,
      applicationId: r.application_id,
      applicationNumber: r.number,
      action: r.type,
      operatorId: r.operator_id,
      operatorName: r.operator_name,
      clientTime: new Date(r.client_time).toISOString(),
      outcome: r.state as 'conflict' | 'rejected',
      code: result.code ?? null,
      message: result.message ?? null,
      winner: winner
        ? {
            workstationId: winner.workstationId,
            operatorId: winner.operatorId,
            operatorName: winner.operatorId ? (this.statements.name.get(winner.operatorId)?.display_name ?? null) : null,
          }
        : null,
      serverStatus: result.serverStatus ?? null,
      resolvedAt: iso(r.resolved_at),
      acknowledged:
        r.acknowledged_at === null ? null : { at: iso(r.acknowledged_at)!, operatorId: r.acknowledged_by!, operatorName: r.acknowledger_name },
      canAcknowledge: r.acknowledged_at === null && mayAcknowledge(r, viewer),
    };
  }

  quarantine(): QuarantinedOp[] {
    return this.statements.attention.all('quarantined', 'quarantined', 1, 10_000).map((r) => ({
      opId: r.op_id,
      seq: r.seq,
      applicationId: r.application_id,
      applicationNumber: r.number,
      action: r.type,
      operatorId: r.operator_id,
      clientTime: new Date(r.client_time).toISOString(),
      attempts: r.attempts,
      firstFailedAt: iso(r.first_failed_at),
      lastError: r.last_error,
    }));
  }
}

function mayAcknowledge(row: AttentionRow, operator: { id: string; role: Role }): boolean {
  return row.operator_id === operator.id || can(operator.role, 'review.manage');
}

function parse(text: string | null): StoredResult {
  if (!text) return {};
  try {
    return JSON.parse(text) as StoredResult;
  } catch {
    return {};
  }
}
