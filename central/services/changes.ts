import type BetterSqlite3 from 'better-sqlite3';
import { HttpError } from '../http/errors';
import type { SqlRunner } from '../store/sql';
import type { ApplicationStore } from './applications';
import type { MetaStore } from './meta';

export interface ChangesPage {
  /** The page as JSON text: records are stored as the JSON pages carry, so they are joined, never re-encoded. */
  body: string;
  count: number;
  cursor: string;
  hasMore: boolean;
  /** Applications this request marked `received` (they show later in this feed). */
  marked: number;
}

const CURSOR = /^c1\.([0-9a-f]{12})\.(0|[1-9]\d{0,15})$/;

/**
 * The changes feed of one center: its applications in change-sequence order. The cursor is opaque to workstations:
 * `c1.<epoch>.<seq>`, "every change up to seq has been applied". A cursor from another epoch (the store was replaced,
 * or a resync was forced), from beyond the newest change (a store restored from an older backup) or that cannot be
 * read is answered 409 {error: {code: 'reset'}}: the workstation resyncs from scratch, keeping its outbox.
 *
 * `received`: presenting a cursor proves the workstation applied every change up to it, so the center has
 * received each application that was still `submitted` at or before that point. The request marks those received
 * (a history step, a version bump, a new change sequence) in the same transaction that reads the page; having moved
 * to the end of the feed, they arrive later in the same pull (or in the next cycle when the page they were on was the
 * last one).
 */
export class ChangesFeed {
  private readonly statements: {
    page: BetterSqlite3.Statement<[string, number, number], { change_seq: number; record: string }>;
    submitted: BetterSqlite3.Statement<[string, number], { id: string; version: number }>;
    markReceived: BetterSqlite3.Statement;
    effect: BetterSqlite3.Statement;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly meta: MetaStore,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
  ) {
    const db = sql.db;
    this.statements = {
      page: db.prepare('SELECT change_seq, record FROM applications WHERE center_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?'),
      submitted: db.prepare("SELECT id, version FROM applications WHERE center_id = ? AND status = 'submitted' AND change_seq <= ? ORDER BY change_seq"),
      // SQLite edits the stored JSON in place: no parse and re-encode in JS for what can be thousands of rows a page.
      markReceived: db.prepare(`UPDATE applications SET status = 'received', version = version + 1, change_seq = @seq,
          last_actor = 'central', last_operator = NULL, last_op_id = NULL,
          record = json_set(record, '$.status', 'received', '$.version', version + 1, '$.history[#]', json(@step))
        WHERE id = @id AND status = 'submitted'`),
      effect: db.prepare("INSERT INTO effects (op_id, application_id, center_id, kind, version, workstation_id, at) VALUES (NULL, ?, ?, 'received', ?, NULL, ?)"),
    };
  }

  encode(seq: number): string {
    return `c1.${this.meta.epoch()}.${seq}`;
  }

  /** The change sequence a cursor stands for; throws the reset answer for any cursor this store cannot honour. */
  decode(cursor: string | undefined): number {
    if (cursor === undefined) return 0;
    const m = CURSOR.exec(cursor);
    const seq = m ? Number(m[2]) : NaN;
    if (!m || m[1] !== this.meta.epoch() || !Number.isSafeInteger(seq) || seq > this.apps.maxChangeSeq()) {
      throw new HttpError(409, 'reset', 'The central server cannot continue from this cursor; resync from the beginning (the outbox is kept).');
    }
    return seq;
  }

  page(centerId: string, cursor: string | undefined, limit: number): ChangesPage {
    const s = this.statements;
    return this.sql.write(() => {
      const after = this.decode(cursor);
      let marked = 0;
      if (after > 0) {
        const at = this.now();
        const step = JSON.stringify({ status: 'received', at: new Date(at).toISOString(), operatorId: null, note: null });
        let seq = this.apps.nextChangeSeq();
        for (const row of s.submitted.all(centerId, after)) {
          s.markReceived.run({ id: row.id, seq, step });
          s.effect.run(row.id, centerId, row.version + 1, at);
          seq++;
          marked++;
        }
      }
      const rows = s.page.all(centerId, after, limit + 1);
      const hasMore = rows.length > limit;
      if (hasMore) rows.pop();
      const last = rows.length ? rows[rows.length - 1]!.change_seq : after;
      const next = this.encode(last);
      let body = '{"changes":[';
      for (let i = 0; i < rows.length; i++) body += (i ? ',' : '') + rows[i]!.record;
      body += `],"cursor":${JSON.stringify(next)},"hasMore":${hasMore}}`;
      return { body, count: rows.length, cursor: next, hasMore, marked };
    });
  }
}
