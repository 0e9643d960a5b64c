import type BetterSqlite3 from 'better-sqlite3';
import type { QuarantinedOp, SyncConflict } from '../../../shared/api/sync';
import type { Db } from '../store/database';

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
    attention: BetterSqlite3.Statement<[string, string, number], AttentionRow>;
    count: BetterSqlite3.Statement<[], { n: number }>;
    name: BetterSqlite3.Statement<[string], { display_name: string }>;
  };

  constructor(db: Db) {
    this.statements = {
      attention: db.prepare(`SELECT o.seq, o.op_id, o.application_id, a.number, o.type, o.operator_id, op.display_name AS operator_name,
          o.client_time, o.state, o.result, o.resolved_at, o.attempts, o.first_failed_at, o.last_error
        FROM outbox o LEFT JOIN applications a ON a.id = o.application_id LEFT JOIN operators op ON op.id = o.operator_id
        WHERE o.state IN (?, ?) ORDER BY o.seq DESC LIMIT ?`),
      count: db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('conflict', 'rejected')"),
      name: db.prepare('SELECT display_name FROM operators WHERE id = ?'),
    };
  }

  conflicts(limit: number): { conflicts: SyncConflict[]; total: number } {
    const rows = this.statements.attention.all('conflict', 'rejected', limit);
    return {
      total: this.statements.count.get()!.n,
      conflicts: rows.map((r) => {
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
        };
      }),
    };
  }

  quarantine(): QuarantinedOp[] {
    return this.statements.attention.all('quarantined', 'quarantined', 10_000).map((r) => ({
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

function parse(text: string | null): StoredResult {
  if (!text) return {};
  try {
    return JSON.parse(text) as StoredResult;
  } catch {
    return {};
  }
}
