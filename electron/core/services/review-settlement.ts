import type BetterSqlite3 from 'better-sqlite3';
import type { SqlRunner } from '../store/sql';
import type { AuditLog } from './audit';

interface SettledRow {
  id: string;
  application_id: string;
  op_id: string;
  kind: string;
  server_status: string;
}

/**
 * Review flags follow the central server's outcome. A fact flagged here only because this workstation had not yet
 * pulled a status (a card scanned before `produced` arrived) is settled by the server once both hold: the server
 * answered the fact's op as applied (or as a duplicate of an applied one) without a flag of its own, and a pull
 * has brought the server's record at or past the version that op made, so the settled state is here to see. Then
 * the flag is resolved with a note saying the central server settled it, and audited. A fact the server flagged
 * too stays on the list for a supervisor. Runs after each pull page and each push; settling twice changes nothing.
 */
export class ReviewSettlement {
  private readonly s: {
    settled: BetterSqlite3.Statement<[], SettledRow>;
    resolve: BetterSqlite3.Statement<[number, string, string]>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly audit: AuditLog,
    private readonly now: () => number,
  ) {
    this.s = {
      settled: sql.db.prepare(`SELECT r.id, r.application_id, f.op_id, f.kind, json_extract(ar.record, '$.status') AS server_status
        FROM review_flags r
        JOIN paperwork_facts f ON f.seq = r.fact_seq
        JOIN outbox o ON o.op_id = f.op_id
        JOIN applications a ON a.id = r.application_id
        JOIN application_records ar ON ar.rowid = a.rowid
        WHERE r.resolved_at IS NULL AND o.state IN ('applied', 'duplicate') AND json_extract(o.result, '$.code') IS NULL
          AND o.acked_version IS NOT NULL AND a.version >= o.acked_version`),
      resolve: sql.db.prepare('UPDATE review_flags SET resolved_at = ?, resolution_note = ?, settled_by_central = 1 WHERE id = ? AND resolved_at IS NULL'),
    };
  }

  /** Resolves every flag the central server has settled; returns how many. */
  settle(): number {
    // Read first: after almost every page there is nothing to settle, and then no write transaction is begun.
    if (this.s.settled.all().length === 0) return 0;
    return this.sql.write(() => {
      const rows = this.s.settled.all();
      const at = this.now();
      for (const r of rows) {
        const note = `Settled by the central server: it recorded the ${r.kind} fact without a flag; the application there is ${r.server_status}.`;
        this.s.resolve.run(at, note, r.id);
        this.audit.append({
          at, operatorId: null, action: 'review.settled_by_central', entityId: r.id,
          details: { flagId: r.id, applicationId: r.application_id, opId: r.op_id, serverStatus: r.server_status },
        });
      }
      return rows.length;
    });
  }
}
