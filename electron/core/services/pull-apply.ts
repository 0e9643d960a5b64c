import { ZodError } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { PullPageSchema, type PullPage } from '../../../shared/sync/pull';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { ukrainianSortKey } from '../../../shared/domain/collation';
import { normaliseLicenceNumber, normalisePhone } from '../../../shared/domain/identifiers';
import { isDecisionPending, statusRank } from '../../../shared/domain/status';
import type { SqlRunner } from '../store/sql';
import { deadlineColumns, type DeadlineModel } from './deadlines';
import { nameIndexText, numberKey } from './search';

export const PULL_CURSOR_KEY = 'pull.cursor';

export interface PullApplyResult {
  inserted: number;
  updated: number;
  /** Records skipped because the local copy is already at the same or a newer version. */
  stale: number;
  cursor: string;
}

/**
 * Applies one page of changes and its cursor in one transaction, with version-guarded upserts: a record
 * replaces the local copy only when its version is newer. A page that fails validation changes nothing.
 */
export class PullApplier {
  private readonly statements;

  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
  ) {
    const db = sql.db;
    this.statements = {
      existing: db.prepare<[string], { rowid: number; version: number }>('SELECT rowid, version FROM applications WHERE id = ?'),
      insert: db.prepare(`INSERT INTO applications (id, number, number_key, version, center_id, service, ground, status,
          status_rank, pending, submitted_at, due_at, due_sort, due_day, extended_by, applicant_name, name_sort, rnokpp,
          licence_key, phone_key, delivery)
        VALUES (@id, @number, @number_key, @version, @center_id, @service, @ground, @status, @status_rank, @pending,
          @submitted_at, @due_at, @due_sort, @due_day, @extended_by, @applicant_name, @name_sort, @rnokpp, @licence_key,
          @phone_key, @delivery)`),
      update: db.prepare(`UPDATE applications SET number = @number, number_key = @number_key, version = @version,
          center_id = @center_id, service = @service, ground = @ground, status = @status, status_rank = @status_rank,
          pending = @pending, submitted_at = @submitted_at, due_at = @due_at, due_sort = @due_sort, due_day = @due_day,
          extended_by = @extended_by, applicant_name = @applicant_name, name_sort = @name_sort, rnokpp = @rnokpp,
          licence_key = @licence_key, phone_key = @phone_key, delivery = @delivery
        WHERE rowid = @rowid AND version < @version`),
      recordInsert: db.prepare('INSERT INTO application_records (rowid, record) VALUES (?, ?)'),
      recordUpdate: db.prepare('UPDATE application_records SET record = ? WHERE rowid = ?'),
      ftsInsert: db.prepare('INSERT INTO applicant_fts (rowid, name) VALUES (?, ?)'),
      ftsDelete: db.prepare('DELETE FROM applicant_fts WHERE rowid = ?'),
      cursor: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** Validates an untrusted page (from the network) and applies it. */
  applyUntrusted(raw: unknown): PullApplyResult {
    let page: PullPage;
    try {
      page = PullPageSchema.parse(raw);
    } catch (err) {
      const where = err instanceof ZodError && err.issues[0] ? ` at ${err.issues[0].path.join('.')}` : '';
      throw new AppError('invalid_pull_page', `The central server sent a page the console cannot read${where}; nothing was applied.`);
    }
    return this.apply(page);
  }

  apply(page: PullPage): PullApplyResult {
    const s = this.statements;
    const result: PullApplyResult = { inserted: 0, updated: 0, stale: 0, cursor: page.cursor };
    this.sql.write(() => {
      for (const record of page.changes) {
        const row = this.toRow(record);
        const existing = s.existing.get(record.id);
        if (!existing) {
          const info = s.insert.run(row);
          s.recordInsert.run(info.lastInsertRowid, JSON.stringify(record));
          s.ftsInsert.run(info.lastInsertRowid, nameIndexText(row.applicant_name));
          result.inserted++;
        } else if (existing.version < record.version) {
          s.update.run({ ...row, rowid: existing.rowid });
          s.recordUpdate.run(JSON.stringify(record), existing.rowid);
          s.ftsDelete.run(existing.rowid);
          s.ftsInsert.run(existing.rowid, nameIndexText(row.applicant_name));
          result.updated++;
        } else {
          result.stale++;
        }
      }
      s.cursor.run(PULL_CURSOR_KEY, page.cursor);
    });
    return result;
  }

  private toRow(r: ApplicationRecord) {
    const submittedAt = Date.parse(r.submittedAt);
    const pending = isDecisionPending(r.status);
    const deadline = this.deadlines.deadlineFor(r.centerId, submittedAt);
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
      status: r.status,
      status_rank: statusRank(r.status),
      pending: pending ? 1 : 0,
      submitted_at: submittedAt,
      ...deadlineColumns(deadline.dueAt, pending),
      extended_by: JSON.stringify(deadline.extendedBy),
      applicant_name: name,
      name_sort: ukrainianSortKey(name.slice(0, 200)),
      rnokpp: a.rnokpp,
      licence_key: normaliseLicenceNumber(r.licence.number),
      phone_key: normalisePhone(a.phone),
      delivery: r.delivery.method,
    };
  }
}
