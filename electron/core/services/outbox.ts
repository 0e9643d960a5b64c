import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { FACT_KINDS } from '../../../shared/domain/facts';
import type { CenterOpType } from '../../../shared/sync/push';
import type { Db } from '../store/database';

/** Op types pushed to the central server (DESIGN.md, "Sync"). */
export const APPLICATION_OP_TYPES = ['claim', 'release', 'approve', 'refuse', ...FACT_KINDS] as const;
export type ApplicationOpType = (typeof APPLICATION_OP_TYPES)[number];
export type { CenterOpType } from '../../../shared/sync/push';

export type NewOp =
  | { scope: 'application'; applicationId: string; type: ApplicationOpType; baseVersion: number }
  | { scope: 'center'; applicationId?: undefined; type: CenterOpType; baseVersion?: undefined };

export interface OpRecord {
  seq: number;
  opId: string;
}

export interface LocalOp {
  seq: number;
  opId: string;
  type: ApplicationOpType;
  args: Record<string, unknown>;
  clientTime: number;
  operatorId: string;
  state: string;
}

/**
 * The transactional outbox. `append` joins the caller's transaction, so the op exists exactly when the state
 * change it describes does.
 */
export class Outbox {
  private readonly insert: BetterSqlite3.Statement;
  private readonly localOps: BetterSqlite3.Statement<[string, number]>;
  private readonly pendingForApp: BetterSqlite3.Statement<[string], { n: number }>;

  /**
   * An application op is also the journal the report facts catch up from (reports/facts-store.ts `catchUp`): the
   * action's own transaction writes nothing for the reports, and a report or a drill-down folds the new steps in
   * before it reads.
   */
  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Steps not yet part of the pulled record: still waiting, or applied at a version the pull has not reached.
    this.localOps = db.prepare(`SELECT seq, op_id AS opId, type, args, client_time AS clientTime, operator_id AS operatorId, state
      FROM outbox WHERE application_id = ?
        AND (state IN ('pending', 'quarantined') OR (state IN ('applied', 'duplicate') AND (acked_version IS NULL OR acked_version > ?)))
      ORDER BY seq`);
    this.pendingForApp = db.prepare("SELECT count(*) AS n FROM outbox WHERE application_id = ? AND state = 'pending'");
  }

  append(op: NewOp & { centerId: string; args: Record<string, unknown>; clientTime: number; operatorId: string }): OpRecord {
    if (!this.db.inTransaction) throw new Error('outbox ops are written inside the action transaction');
    const opId = uuidv7();
    const info = this.insert.run(
      opId,
      op.scope,
      op.applicationId ?? null,
      op.centerId,
      op.type,
      JSON.stringify(op.args),
      op.baseVersion ?? null,
      op.clientTime,
      op.operatorId,
    );
    return { seq: Number(info.lastInsertRowid), opId };
  }

  /** Local steps on an application that the pulled record (at `recordVersion`) does not contain yet. */
  localSteps(applicationId: string, recordVersion: number): LocalOp[] {
    return (this.localOps.all(applicationId, recordVersion) as (Omit<LocalOp, 'args'> & { args: string })[]).map((r) => ({
      ...r,
      args: JSON.parse(r.args) as Record<string, unknown>,
    }));
  }

  pendingCount(applicationId: string): number {
    return this.pendingForApp.get(applicationId)?.n ?? 0;
  }
}
