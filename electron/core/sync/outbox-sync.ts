import type BetterSqlite3 from 'better-sqlite3';
import { ZodError } from 'zod';
import { AppError } from '../../../shared/api/errors';
import type { ApplicationRecord } from '../../../shared/domain/application';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_OPS,
  PushOpSchema,
  PushResponseSchema,
  type PushOp,
  type PushOpResult,
} from '../../../shared/sync/push';
import type { Selectable } from 'kysely';
import type { OutboxTable, SqlRunner } from '../store/sql';
import type { PullApplier } from '../services/pull-apply';

/** A day of transient failures quarantines an op (DESIGN.md, "Sync"): shown, never dropped, retried on request. */
export const QUARANTINE_AFTER_MS = 24 * 3600_000;
/** Room for the request envelope (workstation, auditHead, brackets) inside the 1 MB limit. */
const ENVELOPE_BYTES = 1024;

/** What a batch reads of an outbox row. `next_attempt_at` is set once the op failed alone in a batch: such a suspect travels alone from then on. */
type OutboxRow = Pick<
  Selectable<OutboxTable>,
  'next_attempt_at' | 'seq' | 'op_id' | 'scope' | 'application_id' | 'center_id' | 'type' | 'args' | 'base_version' | 'client_time' | 'operator_id'
>;

export interface PushBatch {
  ops: PushOp[];
  /** Ops that can never be sent (they fail the wire schema); recorded as rejected by `takeBatch`. */
  invalid: number;
}

export interface PushOutcome {
  applied: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  applications: Set<string>;
}

/**
 * The sync side of the outbox: which ops go next (local `seq` order, at most 500 ops and 1 MB, never past an
 * earlier op of the same application that is waiting or quarantined), and what became of them. Every result is
 * recorded on the op's row in one transaction with its consequences, so a crash leaves all of a response or none.
 */
export class OutboxSync {
  private readonly statements: {
    blocked: BetterSqlite3.Statement<[number], { application_id: string }>;
    pending: BetterSqlite3.Statement<[number], OutboxRow>;
    resolve: BetterSqlite3.Statement;
    fail: BetterSqlite3.Statement;
    quarantine: BetterSqlite3.Statement;
    pendingCount: BetterSqlite3.Statement<[], { n: number }>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly applier: PullApplier,
  ) {
    const db = sql.db;
    this.statements = {
      // Applications whose next op may not be sent yet: ops on one application stay in order.
      blocked: db.prepare(`SELECT application_id FROM outbox WHERE state = 'quarantined' AND application_id IS NOT NULL
        UNION SELECT application_id FROM outbox WHERE state = 'pending' AND next_attempt_at > ? AND application_id IS NOT NULL`),
      pending: db.prepare(`SELECT seq, op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id,
          next_attempt_at FROM outbox WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq`),
      // Only a row still pending takes a result: an answer that arrives twice (a retried request) changes nothing.
      resolve: db.prepare(`UPDATE outbox SET state = @state, result = @result, acked_version = @acked_version,
        resolved_at = @at, next_attempt_at = NULL WHERE op_id = @op_id AND state = 'pending'`),
      // An op that failed alone waits 1 s, 2 s, 4 s ... up to an hour (the right-hand side reads the old attempts).
      fail: db.prepare(`UPDATE outbox SET attempts = attempts + 1, first_failed_at = coalesce(first_failed_at, @at),
        last_error = @error,
        next_attempt_at = CASE WHEN @alone = 1 THEN @at + min(3600000, 1000 * (1 << min(attempts, 12))) ELSE next_attempt_at END
        WHERE seq = @seq AND state = 'pending'`),
      quarantine: db.prepare(`UPDATE outbox SET state = 'quarantined', next_attempt_at = NULL
        WHERE seq = @seq AND state = 'pending' AND first_failed_at IS NOT NULL AND first_failed_at <= @before`),
      pendingCount: db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
    };
  }

  pendingCount(): number {
    return this.statements.pendingCount.get()!.n;
  }

  /** The next batch to push, at most `limit` ops; ops that fail the wire schema are rejected here, once and for all. */
  takeBatch(limit: number, now: number): PushBatch {
    const blocked = new Set(this.statements.blocked.all(now).map((r) => r.application_id));
    const ops: PushOp[] = [];
    const invalid: { row: OutboxRow; message: string }[] = [];
    let bytes = ENVELOPE_BYTES;
    for (const row of this.statements.pending.iterate(now)) {
      if (row.application_id && blocked.has(row.application_id)) continue;
      const parsed = PushOpSchema.safeParse(toPushOp(row));
      if (!parsed.success) {
        invalid.push({ row, message: describeZod(parsed.error) });
        // Later ops on the same application wait for the next batch, after this one has its result.
        if (row.application_id) blocked.add(row.application_id);
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(parsed.data)) + 1;
      if (ops.length >= limit || (ops.length > 0 && bytes + size > MAX_PUSH_BYTES)) break;
      // A suspect (it failed alone before) goes alone, so a poison op never drags a batch down with it again.
      if (row.next_attempt_at !== null) {
        if (ops.length === 0) ops.push(parsed.data);
        break;
      }
      ops.push(parsed.data);
      bytes += size;
    }
    if (invalid.length) this.rejectLocally(invalid.map((i) => ({ opId: i.row.op_id, code: 'invalid_op', message: i.message })), now);
    return { ops, invalid: invalid.length };
  }

  /**
   * Records a push response. It is checked whole before anything is written: one result per op sent, each for an
   * op of the batch, conflict records for the op's own application. Anything else is `invalid_central_answer`
   * and changes nothing (the ops stay pending and are sent again; the server's receipts make that harmless).
   */
  recordResponse(batch: readonly PushOp[], raw: unknown, now: number): PushOutcome {
    const results = checkResponse(batch, raw);
    const outcome: PushOutcome = { applied: 0, duplicate: 0, conflict: 0, rejected: 0, applications: new Set() };
    const records: ApplicationRecord[] = [];
    this.sql.write(() => {
      for (const op of batch) {
        const r = results.get(op.opId)!;
        const changed = this.statements.resolve.run({
          op_id: op.opId,
          state: r.result,
          acked_version: r.result === 'applied' || r.result === 'duplicate' ? r.serverVersion : null,
          result: JSON.stringify({
            code: r.code, message: r.message, serverVersion: r.serverVersion, winner: r.winner,
            serverStatus: r.record?.status ?? null,
          }),
          at: now,
        }).changes;
        if (!changed) continue;
        outcome[r.result]++;
        if (op.applicationId) outcome.applications.add(op.applicationId);
        if (r.record) records.push(r.record);
      }
      // The conflict's record is the server's current state: stored like a pulled one, then every touched
      // application is re-derived so a lost or refused action stops showing.
      if (records.length) this.applier.applyRecords(records);
      this.applier.rederive(outcome.applications);
    });
    return outcome;
  }

  /**
   * A batch failed for a reason that may pass (a server fault). Each op counts the failure; an op that failed
   * alone waits (exponentially longer each time) while others go past it, and is quarantined once it has been
   * failing for a day.
   */
  recordTransientFailure(batch: readonly PushOp[], error: string, now: number): number {
    const alone = batch.length === 1;
    let quarantined = 0;
    this.sql.write(() => {
      for (const op of batch) {
        this.statements.fail.run({ seq: op.seq, at: now, error: error.slice(0, 500), alone: alone ? 1 : 0 });
        if (alone) quarantined += this.statements.quarantine.run({ seq: op.seq, before: now - QUARANTINE_AFTER_MS }).changes;
      }
    });
    return quarantined;
  }

  /** A permanent failure found on this side (an op the server can never accept): a recorded result, never a retry. */
  rejectLocally(ops: readonly { opId: string; code: string; message: string }[], now: number): void {
    this.sql.write(() => {
      const apps = new Set<string>();
      for (const op of ops) {
        this.statements.resolve.run({
          op_id: op.opId, state: 'rejected', acked_version: null, at: now,
          result: JSON.stringify({ code: op.code, message: op.message, serverVersion: null, winner: null, serverStatus: null }),
        });
        const app = this.sql.db.prepare('SELECT application_id FROM outbox WHERE op_id = ?').pluck().get(op.opId) as string | null;
        if (app) apps.add(app);
      }
      this.applier.rederive(apps);
    });
  }

  /** Puts a quarantined op back in the queue, in its original place (its seq); its failure history starts again. */
  requeue(opId: string): boolean {
    return (
      this.sql.db
        .prepare(`UPDATE outbox SET state = 'pending', first_failed_at = NULL, next_attempt_at = NULL, last_error = NULL
          WHERE op_id = ? AND state = 'quarantined'`)
        .run(opId).changes > 0
    );
  }
}

function toPushOp(row: OutboxRow): unknown {
  let args: unknown;
  try {
    args = JSON.parse(row.args);
  } catch {
    args = null;
  }
  return {
    opId: row.op_id, seq: row.seq, scope: row.scope, applicationId: row.application_id, type: row.type, args,
    baseVersion: row.base_version, clientTime: new Date(row.client_time).toISOString(), operatorId: row.operator_id,
  };
}

function checkResponse(batch: readonly PushOp[], raw: unknown): Map<string, PushOpResult> {
  const parsed = PushResponseSchema.safeParse(raw);
  const invalid = (why: string) =>
    new AppError('invalid_central_answer', `The central server's answer to a push could not be read (${why}); nothing was recorded and the ops will be sent again.`);
  if (!parsed.success) throw invalid(describeZod(parsed.error));
  const byId = new Map<string, PushOpResult>();
  for (const r of parsed.data.results) {
    if (byId.has(r.opId)) throw invalid(`two results for op ${r.opId.slice(0, 40)}`);
    byId.set(r.opId, r);
  }
  const sent = new Map(batch.map((op) => [op.opId, op]));
  if (byId.size !== sent.size) throw invalid(`${byId.size} results for ${sent.size} ops`);
  for (const [opId, r] of byId) {
    const op = sent.get(opId);
    if (!op) throw invalid(`a result for an op that was not sent`);
    if (r.record && r.record.id !== op.applicationId) throw invalid(`a record for another application with op ${opId}`);
  }
  return byId;
}

function describeZod(error: ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'answer'}: ${first.message}` : 'not valid';
}

export { MAX_PUSH_OPS };
