import Database from 'better-sqlite3';
import type { ApplicationRecord } from '../shared/domain/application';
import { migrate } from '../electron/core/store/migrations';

/**
 * The baseline for pull apply: the same rows written by hand-written prepared upserts in batches, with the
 * columns precomputed outside the timed part, so only SQLite's own work is measured.
 */
export function benchRawUpsert(file: string, records: ApplicationRecord[], batch: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  const rows = records.map((r) => ({
    id: r.id, number: r.number, number_key: r.number.replace(/\D/g, ''), version: r.version, center_id: r.centerId,
    service: r.service, ground: r.ground, status: r.status, status_rank: 0, pending: 1, submitted_at: Date.parse(r.submittedAt),
    due_at: 0, due_sort: 0, due_day: 0, extended_by: '[]', applicant_name: `${r.applicant.surname} ${r.applicant.givenName} ${r.applicant.patronymic}`,
    name_sort: r.applicant.surname, rnokpp: r.applicant.rnokpp, licence_key: r.licence.number, phone_key: r.applicant.phone.slice(4),
    delivery: r.delivery.method,
  }));
  const texts = records.map((r) => JSON.stringify(r));
  const upsert = db.prepare(`INSERT INTO applications (id, number, number_key, version, center_id, service, ground, status,
      status_rank, pending, submitted_at, due_at, due_sort, due_day, extended_by, applicant_name, name_sort, rnokpp, licence_key,
      phone_key, delivery)
    VALUES (@id, @number, @number_key, @version, @center_id, @service, @ground, @status, @status_rank, @pending,
      @submitted_at, @due_at, @due_sort, @due_day, @extended_by, @applicant_name, @name_sort, @rnokpp, @licence_key, @phone_key,
      @delivery)
    ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status
    WHERE excluded.version > applications.version`);
  const rec = db.prepare('INSERT OR REPLACE INTO application_records (rowid, record) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO applicant_fts (rowid, name) VALUES (?, ?)');
  const write = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + batch, rows.length); i++) {
      const info = upsert.run(rows[i]!);
      rec.run(info.lastInsertRowid, texts[i]!);
      fts.run(info.lastInsertRowid, rows[i]!.applicant_name.toLowerCase());
    }
  });
  const t = performance.now();
  for (let i = 0; i < rows.length; i += batch) write.immediate(i);
  const sec = (performance.now() - t) / 1000;
  db.close();
  return rows.length / sec;
}
