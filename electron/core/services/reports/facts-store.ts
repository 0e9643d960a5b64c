import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryMethod, Service, StatusChange } from '../../../../shared/domain/application';
import { WorkingCalendar } from '../../../../shared/domain/deadline';
import { replayFactOp } from '../../../../shared/domain/facts';
import { isoToDayNumber } from '../../../../shared/domain/kyiv-time';
import type { Status } from '../../../../shared/domain/status';
import { foldReportFacts, foldReportStep, type TimelineStep } from '../../../../shared/reports/facts';
import { factArgs, OP_STATUS, type TopOp } from '../../sync/local-ops';
import { COLUMN_INDEX, COLUMNS, DayCountDelta, rowValues, storedFromRow, type Column, type StoredFacts } from './facts-rows';

export { DayCountDelta } from './facts-rows';

/** What the report facts of one application are derived from, as the store keeps it. */
export interface StoredApplication {
  /** The application's row in `applications` (a drill-down joins on it). */
  rowid: number;
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
 * (sync/visible-state.ts), each at the time the administrator acted. `status` is where it ends: the queue's status.
 */
export function timelineOf(app: Pick<StoredApplication, 'history' | 'recordStatus' | 'refusalCode'>, ops: readonly TopOp[]): { steps: TimelineStep[]; status: Status } {
  const steps: TimelineStep[] = app.history.map((h) => ({
    status: h.status,
    at: Date.parse(h.at),
    operatorId: h.operatorId,
    reasonCode: h.status === 'refused' ? app.refusalCode : null,
  }));
  let status = app.recordStatus;
  for (const op of ops) {
    const step = opStep(op, status);
    if (!step) continue;
    steps.push(step);
    status = step.status;
  }
  return { steps, status };
}

/**
 * The step a local op adds to a timeline that stands at `status`, or null when it adds none: decisions always
 * move, facts go through the fact rules and add a step only when they move the status (sync/visible-state.ts).
 */
export function opStep(op: TopOp, status: Status): TimelineStep | null {
  const args = factArgs(op.args);
  const next = OP_STATUS[op.type] ?? replayFactOp(op.type, args, status)?.next ?? null;
  if (!next || (!OP_STATUS[op.type] && next === status)) return null;
  return {
    status: next, at: op.clientTime, operatorId: op.operatorId,
    reasonCode: op.type === 'refuse' && typeof args.reasonCode === 'string' ? args.reasonCode : null,
  };
}

/** The stored facts of an application from its whole timeline; `seq`: the last outbox op the store holds. */
export function factsOf(app: StoredApplication, ops: readonly TopOp[], calendar: WorkingCalendar, seq: number): StoredFacts {
  const timeline = timelineOf(app, ops);
  const fold = foldReportFacts(
    {
      applicationId: app.id, centerId: app.centerId, service: app.service, delivery: app.delivery,
      submittedAt: app.submittedAt, steps: timeline.steps, refusalCode: app.refusalCode,
      dueAt: app.dueAt, extendedDays: app.extendedDays,
    },
    calendar,
  );
  return { fold, status: timeline.status, seq, appRowid: app.rowid };
}

/** The stored application a refresh reads: the record's parts through json_extract, never the applicant. */
const STORED_SQL = `SELECT a.rowid, a.id, a.center_id AS centerId, a.service, a.delivery, a.submitted_at AS submittedAt, a.version,
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

/** How far the report facts have caught up with the outbox (the last seq folded in). */
const CAUGHT_UP_KEY = 'report_facts.seq';
const CATCH_UP_PAGE = 1000;

type JournalOp = TopOp & { seq: number; applicationId: string };

/**
 * Keeps `report_facts` and `report_day_counts` in step with the store.
 *
 * Pulls, push results and deadline changes write the facts they change in their own transactions (the whole
 * timeline again). A decision or a fact writes only its outbox op: `catchUp` folds each op appended since the
 * last catch-up into its application's stored facts, one step, from the values in hand, and every reader
 * (reports, drill-down lists, the purge) calls it first. A decision thus counts from the moment it is committed,
 * and its transaction stays the state, the op and the audit entry. A row is updated in the columns that changed
 * only, and the daily counts by the difference.
 */
export class ReportFactsStore {
  private s: ReturnType<ReportFactsStore['prepare']> | null = null;
  private readonly updates = new Map<string, BetterSqlite3.Statement>();

  /** `write` runs a write transaction (the core's SqlRunner, so its write counter sees the catch-up). */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly calendar: () => WorkingCalendar,
    private readonly write: <T>(fn: () => T) => T = (fn) => db.transaction(fn).immediate(),
  ) {}

  /**
   * Prepared on first use, for the columns the table has: migration 006 back-fills before 008 adds the fold's
   * columns, and a store of an older schema (a migration test) never gets here.
   */
  private prepare() {
    const present = new Set(this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('report_facts') as string[]);
    const columns = COLUMNS.filter((c) => present.has(c));
    return {
      columns,
      folds: present.has('last_seq'),
      insert: this.db.prepare(`INSERT INTO report_facts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
      old: this.db.prepare<[string], Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM report_facts WHERE application_id = ?`),
      remove: this.db.prepare('DELETE FROM report_facts WHERE application_id = ?'),
      // A batch's sums are added set-based, all rows as one JSON parameter: one statement a page, not one a row.
      count: this.db.prepare<[string]>(addRowsSql('report_day_counts', ['center_id', 'metric', 'day', 'service', 'delivery', 'key', 'n'])),
      // Migration 011 adds the facet counts; the back-fills of 006 and 008 run before it.
      facet: this.db.prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE name = 'report_day_facets'").pluck().get()
        ? this.db.prepare<[string]>(addRowsSql('report_day_facets', ['center_id', 'metric', 'key', 'day', 'service', 'delivery', 'status', 'due_day', 'n']))
        : null,
      stored: this.db.prepare<[string], StoredRow>(`${STORED_SQL} WHERE a.id = ?`),
      topOps: this.db.prepare<[string, number], TopOp>(TOP_OPS_SQL),
      lastSeq: this.db.prepare<[], number>('SELECT ifnull(max(seq), 0) FROM outbox').pluck(),
      caughtUp: this.db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(),
      setCaughtUp: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      journal: this.db.prepare<[number, number], JournalOp>(`SELECT seq, application_id AS applicationId, type, operator_id AS operatorId,
          client_time AS clientTime, args FROM outbox WHERE seq > ? AND seq <= ? AND application_id IS NOT NULL ORDER BY seq LIMIT ${CATCH_UP_PAGE}`),
    };
  }

  private get statements() {
    return (this.s ??= this.prepare());
  }

  /**
   * From a record already in hand (a pull page) and the local ops replayed on it. With a batch, the daily counts
   * are written when the batch is flushed (once per page). `fresh`: the caller knows the application has no facts
   * yet (a bulk load into an empty store just inserted it), so they are not looked up.
   */
  writeFacts(app: StoredApplication, ops: readonly TopOp[], batch?: DayCountDelta, seq?: number, fresh = false): void {
    const s = this.statements;
    this.store(fresh ? undefined : s.old.get(app.id), factsOf(app, ops, this.calendar(), seq ?? this.lastSeq()), batch);
  }

  /**
   * The last outbox op the store holds: a caller writing many facts in one transaction (a pull page, a back-fill)
   * reads it once and passes it to each `writeFacts`, since nothing appends to the outbox meanwhile.
   */
  lastSeq(): number {
    return this.statements.lastSeq.get() ?? 0;
  }

  /** From what the store holds now (after a push result or a deadline change): the whole timeline again. */
  refresh(applicationId: string, batch?: DayCountDelta): void {
    const r = this.statements.stored.get(applicationId);
    if (!r) return;
    this.writeFacts(parseStored(r), this.statements.topOps.all(applicationId, r.version), batch);
  }

  /** Folds in every op appended since the last catch-up; returns how many ops it looked at. */
  catchUp(): number {
    const s = this.statements;
    if (!s.folds) return 0;
    const last = s.lastSeq.get() ?? 0;
    if (last <= Number(s.caughtUp.get(CAUGHT_UP_KEY) ?? 0)) return 0;
    return this.write(() => {
      const delta = new DayCountDelta();
      let n = 0;
      for (let from = Number(s.caughtUp.get(CAUGHT_UP_KEY) ?? 0), ops = s.journal.all(from, last); ops.length; ops = s.journal.all(from, last)) {
        for (const op of ops) this.foldOp(op, delta);
        n += ops.length;
        from = ops[ops.length - 1]!.seq;
      }
      this.flush(delta);
      s.setCaughtUp.run(CAUGHT_UP_KEY, String(last));
      return n;
    });
  }

  /** After a back-fill: every op in the outbox is part of the facts just written. */
  markCaughtUp(): void {
    const s = this.statements;
    if (s.folds) s.setCaughtUp.run(CAUGHT_UP_KEY, String(s.lastSeq.get() ?? 0));
  }

  /** An application leaves the store (a full resync's sweep): its facts and their counts go with it. */
  remove(applicationId: string): void {
    const old = this.statements.old.get(applicationId);
    if (!old) return;
    const delta = new DayCountDelta();
    delta.apply(storedFromRow(old), -1);
    this.statements.remove.run(applicationId);
    this.flush(delta);
  }

  flush(delta: DayCountDelta): void {
    const s = this.statements;
    const rows = [...delta.rows()];
    if (rows.length) s.count.run(JSON.stringify(rows));
    const facets = s.facet ? [...delta.facetRows()] : [];
    if (facets.length) s.facet!.run(JSON.stringify(facets));
    delta.clear();
  }

  /**
   * One op at the end of its application's timeline, on the status the stored facts stand at. An op the stored
   * facts already hold (a pull or a push result wrote them since) is skipped; a refusal that carries no code of its
   * own takes the record's, so the whole timeline is read for it.
   */
  private foldOp(op: JournalOp, delta: DayCountDelta): void {
    const old = this.statements.old.get(op.applicationId);
    if (!old) return;
    const stored = storedFromRow(old);
    if (stored.seq >= op.seq) return;
    const step = opStep(op, stored.status);
    if (step?.status === 'refused' && !step.reasonCode) return this.refresh(op.applicationId, delta);
    if (step) {
      foldReportStep(stored.fold, step, null, this.calendar());
      stored.status = step.status;
    }
    stored.seq = op.seq;
    this.store(old, stored, delta);
  }

  /** Writes facts over the stored row (the columns that changed) and moves the daily counts by the difference. */
  private store(old: Record<string, unknown> | undefined, next: StoredFacts, batch?: DayCountDelta): void {
    const s = this.statements;
    const values = rowValues(next);
    const delta = batch ?? new DayCountDelta();
    if (!old) {
      s.insert.run(s.columns.length === COLUMNS.length ? values : s.columns.map((c) => values[COLUMN_INDEX[c]]));
    } else {
      const changed = s.columns.filter((c) => old[c] !== values[COLUMN_INDEX[c]]);
      if (!changed.length) return;
      this.update(changed).run(...changed.map((c) => values[COLUMN_INDEX[c]]), next.fold.facts.applicationId);
      delta.apply(storedFromRow(old), -1);
    }
    delta.apply(next, 1);
    if (!batch) this.flush(delta);
  }

  private update(columns: readonly Column[]): BetterSqlite3.Statement {
    const key = columns.join(',');
    let statement = this.updates.get(key);
    if (!statement) {
      statement = this.db.prepare(`UPDATE report_facts SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE application_id = ?`);
      this.updates.set(key, statement);
    }
    return statement;
  }
}

/** Adds rows given as a JSON array of arrays (the columns in order, `n` last) to a table of sums. */
function addRowsSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?) WHERE true
    ON CONFLICT DO UPDATE SET n = n + excluded.n`;
}

function parseStored(r: StoredRow): StoredApplication {
  return { ...r, history: JSON.parse(r.history) as StatusChange[] };
}

/** Fills `report_facts` for every application of a store (migrations 006 and 008), caught up with the outbox. */
export function backfillReportFacts(db: BetterSqlite3.Database): number {
  const calendar = new WorkingCalendar((db.prepare('SELECT day FROM non_working_days').pluck().all() as string[]).map(isoToDayNumber));
  const store = new ReportFactsStore(db, () => calendar);
  const topOps = db.prepare<[string, number], TopOp>(TOP_OPS_SQL);
  db.prepare('DELETE FROM report_facts').run();
  db.prepare('DELETE FROM report_day_counts').run();
  if (db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'report_day_facets'").pluck().get()) db.prepare('DELETE FROM report_day_facets').run();
  db.prepare("DELETE FROM meta WHERE key = ?").run(CAUGHT_UP_KEY);
  const delta = new DayCountDelta();
  // In pages by rowid: the connection cannot write while a statement iterates, and memory stays flat.
  const page = db.prepare<[number], StoredRow>(`${STORED_SQL} WHERE a.rowid > ? ORDER BY a.rowid LIMIT 1000`);
  let n = 0;
  const seq = store.lastSeq();
  for (let last = 0, rows = page.all(last); rows.length; rows = page.all(last)) {
    for (const r of rows) store.writeFacts(parseStored(r), topOps.all(r.id, r.version), delta, seq);
    store.flush(delta);
    n += rows.length;
    last = rows[rows.length - 1]!.rowid;
  }
  store.markCaughtUp();
  return n;
}

/** Fills `report_day_facets` from the stored facts (migration 011): what each row adds, summed in pages. */
export function backfillDayFacets(db: BetterSqlite3.Database): void {
  const store = new ReportFactsStore(db, () => new WorkingCalendar([]));
  const delta = new DayCountDelta();
  const page = db.prepare<[string], Record<string, unknown>>(`SELECT ${COLUMNS.join(', ')} FROM report_facts WHERE application_id > ? ORDER BY application_id LIMIT 1000`);
  for (let last = '', rows = page.all(last); rows.length; rows = page.all(last)) {
    for (const r of rows) delta.apply(storedFromRow(r), 1);
    // Only the facet rows: the daily counts are already there.
    delta.deltas.clear();
    store.flush(delta);
    last = rows[rows.length - 1]!.application_id as string;
  }
}
