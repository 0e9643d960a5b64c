import { backfillReportFactsSqlite } from '../../services/reports/report-writes';
import type { Migration } from './types';

/**
 * Supervisor reports on the central server (issue 11): one row of report facts per application, the console's
 * columns (shared/reports/facts.ts), and `report_counts`, what the facts add to each figure per center by day and by
 * calendar month. Both are kept in the transaction of every change to an application (push op, event, intake, a
 * pull marking it received, a force-majeure period moving its deadline) and back-filled here from the stored
 * records. Ids, codes, days and lengths only: an applicant's personal data is in neither.
 */
export const migration009: Migration = {
  version: 9,
  name: 'report_facts',
  up(db) {
    db.exec(`
      CREATE TABLE report_facts (
        application_id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        service TEXT NOT NULL CHECK (service IN ('exchange', 'renewal')),
        delivery TEXT NOT NULL CHECK (delivery IN ('pickup', 'ukrposhta')),
        submitted_at INTEGER NOT NULL,
        submitted_day INTEGER NOT NULL,
        received_at INTEGER,
        claimed_at INTEGER,
        decision TEXT CHECK (decision IN ('approved', 'refused', 'cancelled')),
        decided_at INTEGER,
        decided_day INTEGER,
        decided_by TEXT,
        decision_claimed_at INTEGER,
        reason_code TEXT,
        cancelled_day INTEGER,
        due_at INTEGER NOT NULL,
        due_day INTEGER NOT NULL,
        extended_days INTEGER NOT NULL,
        late_days INTEGER,
        arrived_at INTEGER,
        handed_day INTEGER,
        shipped_day INTEGER,
        out_at INTEGER,
        pickup_from_day INTEGER,
        pickup_until_day INTEGER,
        received_ms INTEGER, received_day INTEGER,
        in_work_ms INTEGER, in_work_day INTEGER,
        decision_ms INTEGER,
        arrival_ms INTEGER, arrival_day INTEGER,
        out_ms INTEGER, out_day INTEGER,
        CHECK ((decision IS NULL) = (decided_day IS NULL))
      ) STRICT, WITHOUT ROWID;
      -- A new force-majeure period moves the deadlines still running on its days.
      CREATE INDEX report_facts_due ON report_facts (center_id, due_day);
      -- Percentiles: each stretch in length order (a walk within one length bucket, for all centers or one), and each
      -- operator's claim-to-decision lengths.
      CREATE INDEX report_facts_received_ms ON report_facts (received_ms, received_day, center_id) WHERE received_ms IS NOT NULL;
      CREATE INDEX report_facts_in_work_ms ON report_facts (in_work_ms, in_work_day, center_id) WHERE in_work_ms IS NOT NULL;
      CREATE INDEX report_facts_decision_ms ON report_facts (decision_ms, decided_day, center_id) WHERE decision_ms IS NOT NULL;
      CREATE INDEX report_facts_arrival_ms ON report_facts (arrival_ms, arrival_day, center_id) WHERE arrival_ms IS NOT NULL;
      CREATE INDEX report_facts_out_ms ON report_facts (out_ms, out_day, center_id) WHERE out_ms IS NOT NULL;
      CREATE INDEX report_facts_operator ON report_facts (center_id, decided_by, decision_ms, decided_day) WHERE decided_by IS NOT NULL;
      CREATE TABLE report_counts (
        center_id TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('day', 'month')),
        metric TEXT NOT NULL,
        day INTEGER NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (center_id, tier, metric, day, service, delivery, key)
      ) STRICT, WITHOUT ROWID;
    `);
    backfillReportFactsSqlite(db);
  },
};
