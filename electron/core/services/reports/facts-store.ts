import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryMethod, Service, StatusChange } from '../../../../shared/domain/application';
import { WorkingCalendar } from '../../../../shared/domain/deadline';
import { replayFactOp } from '../../../../shared/domain/facts';
import { isoToDayNumber } from '../../../../shared/domain/kyiv-time';
import type { Status } from '../../../../shared/domain/status';
import { deriveReportFacts, stepDuration, type ReportFacts, type TimelineStep } from '../../../../shared/reports/facts';
import { dayCounts } from '../../../../shared/reports/day-counts';
import { factArgs, OP_STATUS, type TopOp } from '../../sync/local-ops';

/** What the report facts of one application are derived from, as the store keeps it. */
export interface StoredApplication {
  id: string;
  centerId: string;
  service: Service;
  delivery: DeliveryMethod;
  submittedAt: number;
  /** The record's status and history as last pulled from the central server. */
  recordStatus: Status;
  history: readonly StatusChange[];
  refusalCode: string | null;
  dueAt: number;
  extendedDays: number;
}

/**
 * The application's timeline: the pulled history, then the local steps not in it yet (waiting ops, or ops the
 * server applied at a version the pull has not reached), replayed by the same rule the queue's status follows
 * (sync/visible-state.ts), each at the time the administrator acted.
 */
export function timelineOf(app: Pick<StoredApplication, 'history' | 'recordStatus' | 'refusalCode'>, ops: readonly TopOp[]): TimelineStep[] {
  const steps: TimelineStep[] = app.history.map((h) => ({
    status: h.status,
    at: Date.parse(h.at),
    operatorId: h.operatorId,
    reasonCode: h.status === 'refused' ? app.refusalCode : null,
  }));
  let status = app.recordStatus;
  for (const op of ops) {
    const args = factArgs(op.args);
    const next = OP_STATUS[op.type] ?? replayFactOp(op.type, args, status)?.next ?? null;
    if (!next || (!OP_STATUS[op.type] && next === status)) continue;
    steps.push({
      status: next, at: op.clientTime, operatorId: op.operatorId,
      reasonCode: op.type === 'refuse' && typeof args.reasonCode === 'string' ? args.reasonCode : null,
    });
    status = next;
  }
  return steps;
}

export function factsOf(app: StoredApplication, ops: readonly TopOp[], calendar: WorkingCalendar): ReportFacts {
  return deriveReportFacts(
    {
      applicationId: app.id, centerId: app.centerId, service: app.service, delivery: app.delivery,
      submittedAt: app.submittedAt, steps: timelineOf(app, ops), refusalCode: app.refusalCode,
      dueAt: app.dueAt, extendedDays: app.extendedDays,
    },
    calendar,
  );
}

const COLUMNS = [
  'application_id', 'center_id', 'service', 'delivery', 'submitted_at', 'submitted_day', 'received_at', 'claimed_at',
  'decision', 'decided_at', 'decided_day', 'decided_by', 'decision_claimed_at', 'reason_code', 'cancelled_day',
  'due_at', 'due_day', 'extended_days', 'late_days', 'arrived_at', 'handed_day', 'shipped_day', 'out_at',
  'pickup_from_day', 'pickup_until_day', 'received_ms', 'received_day', 'in_work_ms', 'in_work_day', 'decision_ms',
  'arrival_ms', 'arrival_day', 'out_ms', 'out_day',
] as const;

function row(f: ReportFacts): unknown[] {
  const received = stepDuration(f, 'submittedToReceived');
  const inWork = stepDuration(f, 'receivedToInWork');
  const decision = stepDuration(f, 'inWorkToDecision');
  const arrival = stepDuration(f, 'decisionToArrival');
  const out = stepDuration(f, 'arrivalToOut');
  return [
    f.applicationId, f.centerId, f.service, f.delivery, f.submittedAt, f.submittedDay, f.receivedAt, f.claimedAt,
    f.decision, f.decidedAt, f.decidedDay, f.decidedBy, f.decisionClaimedAt, f.reasonCode, f.cancelledDay,
    f.dueAt, f.dueDay, f.extendedDays, f.lateDays, f.arrivedAt, f.handedDay, f.shippedDay, f.outAt,
    f.pickupFromDay, f.pickupUntilDay, received?.ms ?? null, received?.endDay ?? null, inWork?.ms ?? null,
    inWork?.endDay ?? null, decision?.ms ?? null, arrival?.ms ?? null, arrival?.endDay ?? null, out?.ms ?? null,
    out?.endDay ?? null,
  ];
}

/** The stored application a refresh reads: the record's parts through json_extract, never the applicant. */
const STORED_SQL = `SELECT a.id, a.center_id AS centerId, a.service, a.delivery, a.submitted_at AS submittedAt, a.version,
    a.due_at AS dueAt, json_array_length(a.extended_by) AS extendedDays,
    json_extract(r.record, '$.status') AS recordStatus, json_extract(r.record, '$.history') AS history,
    json_extract(r.record, '$.refusal.reasonCode') AS refusalCode
  FROM applications a JOIN application_records r ON r.rowid = a.rowid`;

type StoredRow = Omit<StoredApplication, 'history'> & { history: string; version: number };

/** Ops not yet part of the pulled record (the same selection as VisibleState.topOps). */
const TOP_OPS_SQL = `SELECT type, operator_id AS operatorId, client_time AS clientTime, args FROM outbox
  WHERE application_id = ? AND (state IN ('pending', 'quarantined')
    OR (state IN ('applied', 'duplicate') AND (acked_version IS NULL OR acked_version > ?)))
  ORDER BY seq`;

/** Differences to the daily counts, gathered over a page or one change and written at once. */
export class DayCountDelta {
  readonly deltas = new Map<string, number>();

  apply(f: ReportFacts, sign: 1 | -1): void {
    for (const c of dayCounts(f)) {
      // Lengths are not split by service or delivery: their rows stay few.
      const unsliced = c.metric === 'step' || c.metric === 'operatorDecisionMs';
      const k = [f.centerId, c.metric, c.day, unsliced ? '' : f.service, unsliced ? '' : f.delivery, c.key].join('\u0000');
      this.deltas.set(k, (this.deltas.get(k) ?? 0) + sign * c.n);
    }
  }
}

/**
 * Keeps `report_facts` and `report_day_counts` in step with the store. Every write runs in the caller's
 * transaction: a decision, a fact, a pull page, a push result or a deadline change updates the facts it changes,
 * and the daily counts by the difference, before it commits.
 */
export class ReportFactsStore {
  private s: {
    upsert: BetterSqlite3.Statement;
    old: BetterSqlite3.Statement<[string], Record<string, unknown>>;
    remove: BetterSqlite3.Statement;
    count: BetterSqlite3.Statement;
    stored: BetterSqlite3.Statement<[string], StoredRow>;
    topOps: BetterSqlite3.Statement<[string, number], TopOp>;
  } | null = null;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly calendar: () => WorkingCalendar,
  ) {}

  /** Prepared on first use: a store of an older schema (a migration test) never gets here. */
  private get statements() {
    this.s ??= {
      upsert: this.db.prepare(`INSERT OR REPLACE INTO report_facts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
      old: this.db.prepare(`SELECT ${COLUMNS.join(', ')} FROM report_facts WHERE application_id = ?`),
      remove: this.db.prepare('DELETE FROM report_facts WHERE application_id = ?'),
      count: this.db.prepare(`INSERT INTO report_day_counts (center_id, metric, day, service, delivery, key, n) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (center_id, metric, day, service, delivery, key) DO UPDATE SET n = n + excluded.n`),
      stored: this.db.prepare(`${STORED_SQL} WHERE a.id = ?`),
      topOps: this.db.prepare(TOP_OPS_SQL),
    };
    return this.s;
  }

  /**
   * From a record already in hand (a pull page) and the local ops replayed on it. With a batch, the daily counts
   * are written when the batch is flushed (once per page).
   */
  write(app: StoredApplication, ops: readonly TopOp[], batch?: DayCountDelta): void {
    const s = this.statements;
    const delta = batch ?? new DayCountDelta();
    const old = s.old.get(app.id);
    if (old) delta.apply(factsFromRow(old), -1);
    const facts = factsOf(app, ops, this.calendar());
    delta.apply(facts, 1);
    s.upsert.run(...row(facts));
    if (!batch) this.flush(delta);
  }

  /** From what the store holds now (after a decision, a fact, a push result or a deadline change). */
  refresh(applicationId: string): void {
    const r = this.statements.stored.get(applicationId);
    if (!r) return;
    this.write(parseStored(r), this.statements.topOps.all(applicationId, r.version));
  }

  /** An application leaves the store (a full resync's sweep): its facts and their counts go with it. */
  remove(applicationId: string): void {
    const old = this.statements.old.get(applicationId);
    if (!old) return;
    const delta = new DayCountDelta();
    delta.apply(factsFromRow(old), -1);
    this.statements.remove.run(applicationId);
    this.flush(delta);
  }

  flush(delta: DayCountDelta): void {
    for (const [k, n] of delta.deltas) if (n !== 0) this.statements.count.run(...k.split('\u0000').map((v, i) => (i === 2 ? Number(v) : v)), n);
    delta.deltas.clear();
  }
}

/** A stored facts row back as facts (what its daily counts were made from). */
function factsFromRow(r: Record<string, unknown>): ReportFacts {
  const v = (c: string) => r[c] as never;
  return {
    applicationId: v('application_id'), centerId: v('center_id'), service: v('service'), delivery: v('delivery'),
    submittedAt: v('submitted_at'), submittedDay: v('submitted_day'), receivedAt: v('received_at'), claimedAt: v('claimed_at'),
    decision: v('decision'), decidedAt: v('decided_at'), decidedDay: v('decided_day'), decidedBy: v('decided_by'),
    decisionClaimedAt: v('decision_claimed_at'), reasonCode: v('reason_code'), cancelledDay: v('cancelled_day'),
    dueAt: v('due_at'), dueDay: v('due_day'), extendedDays: v('extended_days'), lateDays: v('late_days'),
    arrivedAt: v('arrived_at'), handedDay: v('handed_day'), shippedDay: v('shipped_day'), outAt: v('out_at'),
    pickupFromDay: v('pickup_from_day'), pickupUntilDay: v('pickup_until_day'),
  };
}

function parseStored(r: StoredRow): StoredApplication {
  return { ...r, history: JSON.parse(r.history) as StatusChange[] };
}

/** Fills `report_facts` for every application of a store (migration 006). */
export function backfillReportFacts(db: BetterSqlite3.Database): number {
  const calendar = new WorkingCalendar((db.prepare('SELECT day FROM non_working_days').pluck().all() as string[]).map(isoToDayNumber));
  const store = new ReportFactsStore(db, () => calendar);
  const topOps = db.prepare<[string, number], TopOp>(TOP_OPS_SQL);
  db.prepare('DELETE FROM report_facts').run();
  db.prepare('DELETE FROM report_day_counts').run();
  const delta = new DayCountDelta();
  // In pages by rowid: the connection cannot write while a statement iterates, and memory stays flat.
  const page = db.prepare<[number], StoredRow & { rowid: number }>(`${STORED_SQL.replace('SELECT ', 'SELECT a.rowid, ')} WHERE a.rowid > ? ORDER BY a.rowid LIMIT 1000`);
  let n = 0;
  for (let last = 0, rows = page.all(last); rows.length; rows = page.all(last)) {
    for (const r of rows) store.write(parseStored(r), topOps.all(r.id, r.version), delta);
    store.flush(delta);
    n += rows.length;
    last = rows[rows.length - 1]!.rowid;
  }
  return n;
}
