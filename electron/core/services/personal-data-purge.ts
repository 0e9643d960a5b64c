import type BetterSqlite3 from 'better-sqlite3';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { FINISHED } from '../../../shared/domain/status';
import type { Logger } from '../log';
import type { SqlRunner } from '../store/sql';
import type { SyncScheduler } from '../sync/scheduler';
import type { AuditLog } from './audit';
import type { DeadlineModel } from './deadlines';
import { purgedQueueColumns, purgeRecord } from './purged-record';

/** How long a finished application's personal data are kept (IT sets `personalDataRetentionDays` in config.json). */
export const DEFAULT_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;
/** Applications purged per transaction: each transaction stays short beside the operators' own. */
const BATCH = 200;

export interface PurgeOutcome {
  purged: number;
  /** Applications that finished on or before this instant were due. */
  cutoff: string;
}

interface Due {
  rowid: number;
  id: string;
  status: string;
  finishedAt: number;
  record: string;
}

/**
 * Removes the personal data of applications finished (issued, delivered, refused, cancelled) more than the retention
 * period ago, counted from the step that finished them (the report facts' last step; the facts catch up first).
 * The record keeps ids, statuses and every history step with its operator (purged-record.ts); the queue row loses
 * the name and the identifiers, the search index the name, the image cache the photo and signature, and the
 * outbox the refusal's explanation of ops already sent. The report facts hold none of these and stay, so every
 * figure stays. Each application's purge is an audit entry of ids only. An application with an op still waiting
 * to be sent is left for a later run. Runs at start and every day after, on the core's clock.
 */
export class PersonalDataPurge {
  private readonly s: {
    due: BetterSqlite3.Statement<[number, number], Due>;
    record: BetterSqlite3.Statement;
    row: BetterSqlite3.Statement;
    fts: BetterSqlite3.Statement;
    images: BetterSqlite3.Statement;
    explanations: BetterSqlite3.Statement;
  };
  private cancel: (() => void) | null = null;

  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
    private readonly audit: AuditLog,
    private readonly retentionDays: number,
    private readonly now: () => number,
    private readonly log?: Logger,
  ) {
    const db = sql.db;
    const finished = FINISHED.map((s) => `'${s}'`).join(', ');
    this.s = {
      // The partial index applications_purge_due holds exactly the finished applications not purged yet.
      due: db.prepare(`SELECT a.rowid, a.id, a.status, f.last_step_at AS finishedAt, r.record
        FROM applications a JOIN report_facts f ON f.application_id = a.id JOIN application_records r ON r.rowid = a.rowid
        WHERE a.purged_at IS NULL AND a.status IN (${finished}) AND f.last_step_at <= ?
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_id = a.id AND o.state IN ('pending', 'quarantined'))
        ORDER BY a.rowid LIMIT ?`),
      record: db.prepare('UPDATE application_records SET record = ? WHERE rowid = ?'),
      row: db.prepare(`UPDATE applications SET applicant_name = @applicant_name, name_sort = @name_sort, rnokpp = @rnokpp,
        licence_key = @licence_key, phone_key = @phone_key, purged_at = @purged_at WHERE rowid = @rowid`),
      fts: db.prepare('DELETE FROM applicant_fts WHERE rowid = ?'),
      images: db.prepare('DELETE FROM image_cache WHERE hash IN (?, ?)'),
      explanations: db.prepare(`UPDATE outbox SET args = json_set(args, '$.explanation', '')
        WHERE application_id = ? AND type = 'refuse' AND state NOT IN ('pending', 'quarantined') AND json_extract(args, '$.explanation') <> ''`),
    };
  }

  get retention(): number {
    return this.retentionDays;
  }

  /** Purges every application due now; a second run finds nothing more to do. */
  run(): PurgeOutcome {
    const at = this.now();
    const cutoff = at - this.retentionDays * DAY_MS;
    this.deadlines.reportFacts.catchUp();
    const db = this.sql.db;
    let purged = 0;
    // Removed text is overwritten, not only unlinked: freed pages are zeroed while the purge runs.
    const secureDelete = db.pragma('secure_delete', { simple: true });
    db.pragma('secure_delete = ON');
    try {
      for (;;) {
        const n = this.sql.write(() => {
          const due = this.s.due.all(cutoff, BATCH);
          for (const app of due) this.purgeOne(app, at);
          return due.length;
        });
        purged += n;
        if (n < BATCH) break;
      }
      if (purged) {
        // The search index keeps deleted names in older segments until they are merged; the write-ahead log keeps
        // the pages as they were until a checkpoint: both are rewritten now.
        this.sql.write(() => db.prepare("INSERT INTO applicant_fts (applicant_fts) VALUES ('optimize')").run());
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
    } finally {
      db.pragma(`secure_delete = ${Number(secureDelete)}`);
    }
    // Counts only: which applications is in the audit log, by id.
    if (purged) this.log?.info({ event: 'personal_data.purged', purged, retentionDays: this.retentionDays }, 'personal data purged');
    return { purged, cutoff: new Date(cutoff).toISOString() };
  }

  /** At start (soon after, so the start is not held up) and then every day, on the scheduler's clock. */
  start(scheduler: SyncScheduler, firstMs = 0): void {
    const next = (ms: number) => {
      this.cancel = scheduler.after(ms, () => {
        try {
          this.run();
        } catch (err) {
          this.log?.error({ event: 'personal_data.purge_failed', code: (err as { code?: string }).code ?? 'error' }, 'personal data purge failed');
        }
        next(DAY_MS);
      });
    };
    next(firstMs);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private purgeOne(app: Due, at: number): void {
    const record = JSON.parse(app.record) as ApplicationRecord;
    this.s.record.run(JSON.stringify(purgeRecord(record)), app.rowid);
    this.s.row.run({ ...purgedQueueColumns(at), rowid: app.rowid });
    this.s.fts.run(app.rowid);
    this.s.images.run(record.photoHash, record.signatureHash);
    this.s.explanations.run(app.id);
    this.audit.append({
      at, operatorId: null, action: 'application.purge_personal_data', entityId: app.id,
      details: { status: app.status, finishedAt: new Date(app.finishedAt).toISOString(), retentionDays: this.retentionDays },
    });
  }
}
