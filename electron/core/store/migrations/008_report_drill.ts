import type { Migration } from './types';
import { backfillReportFacts } from '../../services/reports/facts-store';

/**
 * Report facts kept step by step, and drill-down lists straight from them (issue 11).
 * - The state a new step is folded into (`last_step_at`, `last_claim_at`), the status the timeline stands at and
 *   the last outbox op it holds (`last_status`, `last_seq`): a decision or a fact writes only its op, and the
 *   facts catch up from the outbox (reports/facts-store.ts) with one step per op, never reading the history again.
 * - `app_rowid`, the application's row: a drill-down list joins on it.
 * - One index per figure's condition (electron/core/services/reports/figure-predicates.ts), each carrying the
 *   narrowing columns and the row, so a list of a few thousand applications is one index range.
 * The facts are back-filled again: the fold's state comes only from replaying each timeline.
 */
export const migration008: Migration = {
  version: 8,
  name: 'report_drill',
  up(db) {
    db.exec(`
      ALTER TABLE report_facts ADD COLUMN last_step_at INTEGER;
      ALTER TABLE report_facts ADD COLUMN last_claim_at INTEGER;
      ALTER TABLE report_facts ADD COLUMN last_status TEXT;
      ALTER TABLE report_facts ADD COLUMN last_seq INTEGER;
      ALTER TABLE report_facts ADD COLUMN app_rowid INTEGER;
      -- Daily counts by day first: what one decision adds (decided, approved, in time, by its operator, the stretch
      -- it closed) falls on one day, so it lands on one page of this table instead of one page per metric.
      DROP TABLE report_day_counts;
      CREATE TABLE report_day_counts (
        center_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        metric TEXT NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (center_id, day, metric, service, delivery, key)
      ) STRICT, WITHOUT ROWID;
    `);
    backfillReportFacts(db);
  },
};
