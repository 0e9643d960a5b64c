import type BetterSqlite3 from 'better-sqlite3';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { isDecisionPending, statusRank, type Status } from '../../../shared/domain/status';
import { replayFactOp } from '../../../shared/domain/facts';
import { factArgs, OP_STATUS, type TopOp } from './local-ops';

export type { TopOp } from './local-ops';
import type { Db } from '../store/database';
import { deadlineColumns } from '../services/deadlines';

/**
 * The rebase rule. An application row's status and claim are what this workstation shows: the record last pulled
 * from the central server with the local ops that are not part of it yet replayed on top. Those ops are the ones
 * still waiting (pending, quarantined) and the ones the server applied at a version the pull has not reached.
 * A pull stores the new record and re-derives; a push result (conflict, rejection) re-derives too, so a lost
 * action stops showing and the server's state takes its place.
 */

export interface VisibleApplicationState {
  status: Status;
  claimedBy: string | null;
  claimedAt: number | null;
}


export function deriveVisibleState(record: Pick<ApplicationRecord, 'status' | 'claim'>, ops: readonly TopOp[]): VisibleApplicationState {
  const claim = record.status === 'in_review' ? (record.claim ?? null) : null;
  let state: VisibleApplicationState = {
    status: record.status,
    claimedBy: claim?.operatorId ?? null,
    claimedAt: claim ? Date.parse(claim.at) : null,
  };
  for (const op of ops) {
    // A fact is replayed through the fact rules on the status as it now stands, not by the status it left when
    // recorded: a card handed over while still 'approved' stays flagged, and a later pulled 'cancelled' wins.
    const status = OP_STATUS[op.type] ?? replayFactOp(op.type, factArgs(op.args), state.status)?.next ?? null;
    if (!status || (!OP_STATUS[op.type] && status === state.status)) continue;
    state = op.type === 'claim' ? { status, claimedBy: op.operatorId, claimedAt: op.clientTime } : { status, claimedBy: null, claimedAt: null };
  }
  return state;
}


/** The columns a visible state is stored in; `pending` drives the deadline columns (the queue sorts and counts by them). */
export function visibleColumns(state: VisibleApplicationState, dueAt: number) {
  const pending = isDecisionPending(state.status);
  const deadline = deadlineColumns(dueAt, pending);
  return {
    status: state.status,
    status_rank: statusRank(state.status),
    pending: pending ? 1 : 0,
    due_sort: deadline.due_sort,
    due_day: deadline.due_day,
    claimed_by: state.claimedBy,
    claimed_at: state.claimedAt,
  };
}

interface RowForRederive {
  rowid: number;
  version: number;
  due_at: number;
  status: string;
  claimed_by: string | null;
  claimed_at: number | null;
  record_status: string;
  record_claim: string | null;
}

export class VisibleState {
  private readonly statements: {
    topOps: BetterSqlite3.Statement<[string, number], TopOp>;
    row: BetterSqlite3.Statement<[string], RowForRederive>;
    update: BetterSqlite3.Statement;
    anyTopOps: BetterSqlite3.Statement<[], number>;
  };

  constructor(db: Db) {
    this.statements = {
      // Walks outbox_by_application; most applications have no ops, so this is one index probe per record.
      topOps: db.prepare(`SELECT type, operator_id AS operatorId, client_time AS clientTime,
          args FROM outbox
        WHERE application_id = ? AND (state IN ('pending', 'quarantined')
          OR (state IN ('applied', 'duplicate') AND (acked_version IS NULL OR acked_version > ?)))
        ORDER BY seq`),
      // A superset of what `topOps` selects for any application (no version test): none means none for each.
      anyTopOps: db
        .prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM outbox WHERE application_id IS NOT NULL
          AND state IN ('pending', 'quarantined', 'applied', 'duplicate'))`)
        .pluck(),
      row: db.prepare(`SELECT a.rowid, a.version, a.due_at, a.status, a.claimed_by, a.claimed_at,
          json_extract(r.record, '$.status') AS record_status, json_extract(r.record, '$.claim') AS record_claim
        FROM applications a JOIN application_records r ON r.rowid = a.rowid WHERE a.id = ?`),
      update: db.prepare(`UPDATE applications SET status = @status, status_rank = @status_rank, pending = @pending,
        due_sort = @due_sort, due_day = @due_day, claimed_by = @claimed_by, claimed_at = @claimed_at WHERE rowid = @rowid`),
    };
  }

  topOps(applicationId: string, recordVersion: number): TopOp[] {
    return this.statements.topOps.all(applicationId, recordVersion);
  }

  /**
   * False when no application has an op that could be replayed on its record: a page applied in one transaction
   * then skips the per-record probe (a first pull, or a workstation whose ops are all settled and swept).
   */
  anyTopOps(): boolean {
    return this.statements.anyTopOps.get() === 1;
  }

  /** Re-derives one application's visible state from its stored record and outbox; runs in the caller's transaction. */
  rederive(applicationId: string): boolean {
    const row = this.statements.row.get(applicationId);
    if (!row) return false;
    const claim = row.record_claim ? (JSON.parse(row.record_claim) as ApplicationRecord['claim']) : null;
    const state = deriveVisibleState({ status: row.record_status as Status, claim }, this.topOps(applicationId, row.version));
    if (state.status === row.status && state.claimedBy === row.claimed_by && state.claimedAt === row.claimed_at) return false;
    this.statements.update.run({ ...visibleColumns(state, row.due_at), rowid: row.rowid });
    return true;
  }
}
