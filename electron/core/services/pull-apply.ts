import { ZodError } from 'zod';
import { beginBulkLoad, restoreQueueIndexes } from '../sync/bulk-load';
import { AppError } from '../../../shared/api/errors';
import { PullPageSchema, type PullPage } from '../../../shared/sync/pull';
import { exactMatch } from '../../../shared/sync/exact-match';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { ukrainianSortKey } from '../../../shared/domain/collation';
import { normaliseLicenceNumber, normalisePhone } from '../../../shared/domain/identifiers';
import { kyivDayNumber } from '../../../shared/domain/kyiv-time';
import type { SqlRunner } from '../store/sql';
import { deriveVisibleState, VisibleState, visibleColumns, type TopOp } from '../sync/visible-state';
import type { DeadlineModel } from './deadlines';
import { DayCountDelta } from './reports/facts-store';
import { nameIndexText, numberKey } from './search';
import { isFinished, purgedQueueColumns, purgeRecord } from './purged-record';
import type { Status } from '../../../shared/domain/status';

export const PULL_CURSOR_KEY = 'pull.cursor';
/** A page that already is what the schema's parse returns is used as it came, not copied (shared/sync/exact-match.ts). */
const isExactPullPage = exactMatch(PullPageSchema);
const NO_OPS: readonly TopOp[] = [];
/** Set while a full resync (after a reset answer) is under way; a restart begins it again from the start. */
export const RESYNC_KEY = 'pull.resync';

export interface ApplyOptions {
  /**
   * Part of a full resync: the server's record replaces the local one whatever the versions (a restored server
   * may count lower), and the id is noted so what the server no longer has can be swept at the end.
   */
  resync?: boolean;
}

export interface PullApplyResult {
  inserted: number;
  updated: number;
  /** Records skipped because the local copy is already at the same or a newer version. */
  stale: number;
  cursor: string;
  hasMore: boolean;
}

/**
 * Applies one page of changes and its cursor in one transaction, with version-guarded upserts: a record
 * replaces the local copy only when its version is newer. A page that fails validation changes nothing.
 *
 * The stored record is always the server's; the row's status and claim are re-derived with the local ops not yet
 * in it replayed on top (the rebase rule, sync/visible-state.ts), so a pull never hides a decision still waiting
 * to be pushed, and a claim comes from the record's `claim` when no local op overrides it.
 */
export class PullApplier {
  private readonly statements;
  private readonly visible: VisibleState;

  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
  ) {
    const db = sql.db;
    // A bulk load cut short (a killed process) left the queue without its indexes: build them now.
    restoreQueueIndexes(db);
    this.visible = new VisibleState(db);
    this.statements = {
      existing: db.prepare<[string], { rowid: number; version: number; applicant_name: string; purged_at: number | null }>(
        'SELECT rowid, version, applicant_name, purged_at FROM applications WHERE id = ?',
      ),
      insert: db.prepare(`INSERT INTO applications (id, number, number_key, version, center_id, service, ground, status,
          status_rank, pending, submitted_at, due_at, due_sort, due_day, extended_by, applicant_name, name_sort, rnokpp,
          licence_key, phone_key, delivery, claimed_by, claimed_at)
        VALUES (@id, @number, @number_key, @version, @center_id, @service, @ground, @status, @status_rank, @pending,
          @submitted_at, @due_at, @due_sort, @due_day, @extended_by, @applicant_name, @name_sort, @rnokpp, @licence_key,
          @phone_key, @delivery, @claimed_by, @claimed_at)
        ON CONFLICT (id) DO NOTHING`),
      update: db.prepare(`UPDATE applications SET number = @number, number_key = @number_key, version = @version,
          center_id = @center_id, service = @service, ground = @ground, status = @status, status_rank = @status_rank,
          pending = @pending, submitted_at = @submitted_at, due_at = @due_at, due_sort = @due_sort, due_day = @due_day,
          extended_by = @extended_by, applicant_name = @applicant_name, name_sort = @name_sort, rnokpp = @rnokpp,
          licence_key = @licence_key, phone_key = @phone_key, delivery = @delivery, claimed_by = @claimed_by,
          claimed_at = @claimed_at, purged_at = @purged_at
        WHERE rowid = @rowid AND (version < @version OR @force = 1)`),
      seen: db.prepare('INSERT OR IGNORE INTO resync_seen (id) VALUES (?)'),
      recordInsert: db.prepare('INSERT INTO application_records (rowid, record) VALUES (?, ?)'),
      recordUpdate: db.prepare('UPDATE application_records SET record = ? WHERE rowid = ?'),
      ftsInsert: db.prepare('INSERT INTO applicant_fts (rowid, name) VALUES (?, ?)'),
      ftsDelete: db.prepare('DELETE FROM applicant_fts WHERE rowid = ?'),
      cursor: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** Before a first pull into an empty store: drop the queue indexes, to build them once at the end. */
  beginBulkLoad(): boolean {
    this.bulk = beginBulkLoad(this.sql.db);
    return this.bulk;
  }

  finishBulkLoad(): void {
    this.bulk = false;
    restoreQueueIndexes(this.sql.db);
  }

  /**
   * In a bulk load nearly every record is new: it is inserted at once (an id already there makes the insert do
   * nothing) instead of being looked up first.
   */
  private bulk = false;

  /** Validates an untrusted page (from the network) and applies it. */
  applyUntrusted(raw: unknown, options: ApplyOptions = {}): PullApplyResult {
    if (isExactPullPage(raw)) return this.apply(raw as PullPage, options);
    let page: PullPage;
    try {
      page = PullPageSchema.parse(raw);
    } catch (err) {
      const where = err instanceof ZodError && err.issues[0] ? ` at ${err.issues[0].path.join('.')}` : '';
      throw new AppError('invalid_pull_page', `The central server sent a page the console cannot read${where}; nothing was applied.`);
    }
    return this.apply(page, options);
  }

  apply(page: PullPage, options: ApplyOptions = {}): PullApplyResult {
    const result: PullApplyResult = { inserted: 0, updated: 0, stale: 0, cursor: page.cursor, hasMore: page.hasMore };
    this.sql.write(() => {
      this.store(page.changes, result, options);
      this.statements.cursor.run(PULL_CURSOR_KEY, page.cursor);
    });
    return result;
  }

  /**
   * Stores records the central server sent outside a page (the current record that comes back with a conflict),
   * version-guarded like a page, in the caller's transaction; the cursor does not move.
   */
  applyRecords(records: readonly ApplicationRecord[], result: Omit<PullApplyResult, 'cursor' | 'hasMore'> = { inserted: 0, updated: 0, stale: 0 }, options: ApplyOptions = {}) {
    this.sql.write(() => this.store(records, result, options));
    return result;
  }

  private store(records: readonly ApplicationRecord[], result: Omit<PullApplyResult, 'cursor' | 'hasMore'>, options: ApplyOptions): void {
    const s = this.statements;
    const force = options.resync ? 1 : 0;
    const deadlines: DeadlineMemo = new Map();
    // The page's changes to the daily report counts, written once at its end (a page falls on a few days).
    const counts = new DayCountDelta();
    // Nothing is appended to the outbox during the page's transaction: what it holds is read once.
    const facts = this.deadlines.reportFacts;
    const seq = facts.lastSeq();
    const withOps = this.visible.anyTopOps();
    for (const record of records) {
      if (options.resync) s.seen.run(record.id);
      const ops = withOps ? this.visible.topOps(record.id, record.version) : NO_OPS;
      const row = this.toRow(record, ops, deadlines);
      const inserted = this.bulk ? s.insert.run(row) : null;
      const existing = inserted?.changes ? undefined : s.existing.get(record.id);
      if (!existing) {
        const info = inserted ?? s.insert.run(row);
        s.recordInsert.run(info.lastInsertRowid, JSON.stringify(record));
        s.ftsInsert.run(info.lastInsertRowid, nameIndexText(row.applicant_name));
        this.writeFacts(Number(info.lastInsertRowid), record, row, ops, counts, seq, inserted !== null);
        result.inserted++;
      } else if (existing.version < record.version || (force && existing.version !== record.version)) {
        // Purged personal data stay purged while the application is finished; only one active again gets them back.
        const purged = existing.purged_at !== null && isFinished(row.status as Status);
        const stored = purged ? purgeRecord(record) : record;
        s.update.run({ ...row, ...(purged ? purgedQueueColumns(existing.purged_at!) : { purged_at: null }), rowid: existing.rowid, force });
        s.recordUpdate.run(JSON.stringify(stored), existing.rowid);
        s.ftsDelete.run(existing.rowid);
        if (!purged) s.ftsInsert.run(existing.rowid, nameIndexText(row.applicant_name));
        this.writeFacts(existing.rowid, stored, row, ops, counts, seq);
        result.updated++;
      } else {
        result.stale++;
      }
    }
    facts.flush(counts);
  }

  /** A reset answer: the next pages are a full resync; the outbox is kept. */
  beginResync(): void {
    this.sql.write(() => {
      this.sql.db.prepare('DELETE FROM resync_seen').run();
      this.sql.db.prepare('DELETE FROM meta WHERE key = ?').run(PULL_CURSOR_KEY);
      this.statements.cursor.run(RESYNC_KEY, '1');
    });
  }

  resyncInProgress(): boolean {
    return this.sql.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(RESYNC_KEY) !== undefined;
  }

  /**
   * Ends a resync: applications the server no longer sent are removed, except those with local ops still waiting
   * (their push answers will tell what became of them). Returns how many were removed.
   */
  finishResync(): number {
    const db = this.sql.db;
    return this.sql.write(() => {
      const gone = db
        .prepare(`SELECT rowid FROM applications WHERE id NOT IN (SELECT id FROM resync_seen)
          AND id NOT IN (SELECT application_id FROM outbox WHERE application_id IS NOT NULL AND state IN ('pending', 'quarantined'))`)
        .pluck()
        .all() as number[];
      const remove = db.prepare('DELETE FROM applications WHERE rowid = ?');
      const idOf = db.prepare('SELECT id FROM applications WHERE rowid = ?').pluck();
      for (const rowid of gone) {
        this.deadlines.reportFacts.remove(idOf.get(rowid) as string);
        this.statements.ftsDelete.run(rowid);
        remove.run(rowid);
      }
      db.prepare('DELETE FROM resync_seen').run();
      db.prepare('DELETE FROM meta WHERE key = ?').run(RESYNC_KEY);
      return gone.length;
    });
  }

  /** Re-derives the visible status and claim of applications whose ops just got a result (sync/visible-state.ts). */
  rederive(applicationIds: Iterable<string>): number {
    let changed = 0;
    this.sql.write(() => {
      for (const id of applicationIds) {
        if (this.visible.rederive(id)) changed++;
        // A conflict or rejection takes the local step out of the timeline; an applied op stays in it.
        this.deadlines.reportFacts.refresh(id);
      }
    });
    return changed;
  }

  private toRow(r: ApplicationRecord, ops: readonly TopOp[], memo?: DeadlineMemo) {
    const columns = queueColumns(r, this.deadlines, memo);
    const visible = deriveVisibleState(r, ops);
    return { ...columns, ...visibleColumns(visible, columns.due_at) };
  }

  /** The report facts of a stored record, in the page's transaction. */
  private writeFacts(rowid: number, r: ApplicationRecord, row: ReturnType<PullApplier['toRow']>, ops: readonly TopOp[], counts: DayCountDelta, seq: number, fresh = false): void {
    this.deadlines.reportFacts.writeFacts(
      {
        rowid, id: r.id, centerId: r.centerId, service: r.service, delivery: r.delivery.method, submittedAt: row.submitted_at,
        recordStatus: r.status, history: r.history, refusalCode: r.refusal?.reasonCode ?? null,
        dueAt: row.due_at, extendedDays: row.extended_by === '[]' ? 0 : (JSON.parse(row.extended_by) as string[]).length,
      },
      ops,
      counts,
      seq,
      fresh,
    );
  }
}

/**
 * The queue columns of a record that do not depend on local ops (the status and claim columns do: see
 * `visibleColumns`). Exported for tests that load records into a store of an older schema.
 */
export function queueColumns(r: ApplicationRecord, deadlines: DeadlineModel, memo?: DeadlineMemo) {
  const submittedAt = Date.parse(r.submittedAt);
  const deadline = deadlineOf(r.centerId, submittedAt, deadlines, memo);
  const a = r.applicant;
  const name = [a.surname, a.givenName, a.patronymic].filter(Boolean).join(' ');
  return {
    id: r.id,
    number: r.number,
    number_key: numberKey(r.number),
    version: r.version,
    center_id: r.centerId,
    service: r.service,
    ground: r.ground,
    submitted_at: submittedAt,
    due_at: deadline.dueAt,
    extended_by: deadline.extendedBy,
    applicant_name: name,
    name_sort: ukrainianSortKey(name.slice(0, 200)),
    rnokpp: a.rnokpp,
    licence_key: normaliseLicenceNumber(r.licence.number),
    phone_key: normalisePhone(a.phone),
    delivery: r.delivery.method,
  };
}

/**
 * Deadlines by center and Kyiv day of submission, for one page: the deadline depends on nothing else, and a page
 * of thousands of records falls on a few dozen days (computing each was a fifth of the pull's time).
 */
export type DeadlineMemo = Map<string, { dueAt: number; extendedBy: string }>;

function deadlineOf(centerId: string, submittedAt: number, model: DeadlineModel, memo?: DeadlineMemo): { dueAt: number; extendedBy: string } {
  const key = `${centerId}|${kyivDayNumber(submittedAt)}`;
  let d = memo?.get(key);
  if (!d) {
    const computed = model.deadlineFor(centerId, submittedAt);
    d = { dueAt: computed.dueAt, extendedBy: JSON.stringify(computed.extendedBy) };
    memo?.set(key, d);
  }
  return d;
}
