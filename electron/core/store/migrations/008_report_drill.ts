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
      -- The day a figure's "at the end" stops counting it: decided (or OPEN_DAY while undecided), and the day a card
      -- stopped waiting for pickup (OPEN_DAY while it waits; NULL when it never waited).
      ALTER TABLE report_facts ADD COLUMN undecided_until INTEGER;
      ALTER TABLE report_facts ADD COLUMN waiting_until INTEGER;
      ALTER TABLE report_facts ADD COLUMN last_step_at INTEGER;
      ALTER TABLE report_facts ADD COLUMN last_claim_at INTEGER;
      ALTER TABLE report_facts ADD COLUMN last_status TEXT;
      ALTER TABLE report_facts ADD COLUMN last_seq INTEGER;
      ALTER TABLE report_facts ADD COLUMN app_rowid INTEGER;
      DROP INDEX report_facts_submitted;
      DROP INDEX report_facts_decided;
    `);
    backfillReportFacts(db);
    // Built once the rows are in (cheaper than keeping each up row by row during the back-fill).
    db.exec(`
      -- Drill-down lists (reports/figure-predicates.ts): each figure's condition is one range of one of these, and
      -- the narrowing columns, the row and what the queue's facet counts need (status, deadline day) are in the
      -- entry, so a figure's list and its counts are read from the index alone.
      CREATE INDEX report_facts_received ON report_facts (center_id, submitted_day, service, delivery, extended_days, last_status, due_day, app_rowid);
      CREATE INDEX report_facts_decisions ON report_facts (center_id, decision, decided_day, late_days, service, delivery, reason_code, decided_by, last_status, due_day, app_rowid)
        WHERE decision IS NOT NULL;
      CREATE INDEX report_facts_late ON report_facts (center_id, late_days, decided_day, decision, service, delivery, last_status, due_day, app_rowid) WHERE late_days > 0;
      CREATE INDEX report_facts_by_operator ON report_facts (center_id, decided_by, decision, decided_day, service, delivery, last_status, due_day, app_rowid)
        WHERE decided_by IS NOT NULL;
      CREATE INDEX report_facts_open ON report_facts (center_id, undecided_until, submitted_day, due_day, service, delivery, last_status, app_rowid);
      CREATE INDEX report_facts_cancelled ON report_facts (center_id, cancelled_day, service, delivery, last_status, due_day, app_rowid) WHERE cancelled_day IS NOT NULL;
      CREATE INDEX report_facts_shipped ON report_facts (center_id, shipped_day, service, delivery, last_status, due_day, app_rowid) WHERE shipped_day IS NOT NULL;
      CREATE INDEX report_facts_handed ON report_facts (center_id, handed_day, service, delivery, last_status, due_day, app_rowid) WHERE handed_day IS NOT NULL;
      CREATE INDEX report_facts_pickup ON report_facts (center_id, waiting_until, pickup_from_day, service, delivery, last_status, due_day, app_rowid)
        WHERE waiting_until IS NOT NULL;
      CREATE INDEX report_facts_received_step ON report_facts (center_id, received_day, service, delivery, last_status, due_day, app_rowid, received_ms) WHERE received_ms IS NOT NULL;
      CREATE INDEX report_facts_in_work_step ON report_facts (center_id, in_work_day, service, delivery, last_status, due_day, app_rowid, in_work_ms) WHERE in_work_ms IS NOT NULL;
      CREATE INDEX report_facts_decision_step ON report_facts (center_id, decided_day, service, delivery, last_status, due_day, app_rowid, decision_ms) WHERE decision_ms IS NOT NULL;
      CREATE INDEX report_facts_arrival_step ON report_facts (center_id, arrival_day, service, delivery, last_status, due_day, app_rowid, arrival_ms) WHERE arrival_ms IS NOT NULL;
      CREATE INDEX report_facts_out_step ON report_facts (center_id, out_day, service, delivery, last_status, due_day, app_rowid, out_ms) WHERE out_ms IS NOT NULL;
    `);
  },
};
