import type { Migration } from './types';
import { backfillReportFacts } from '../../services/reports/facts-store';

/**
 * Supervisor reports (issue 11): one row of report facts per application (shared/reports/facts.ts), kept in the
 * same transaction as every decision, fact, pull page and deadline change, and back-filled here from the stored
 * records and the outbox. Every figure is an index range over this table, never a walk of the histories.
 * It holds codes, days and durations only: purging an applicant's personal data leaves it as it is.
 */
export const migration006: Migration = {
  version: 6,
  name: 'report_facts',
  up(db) {
    db.exec(`
      CREATE TABLE report_facts (
        application_id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
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
        -- The five time-in-status stretches (shared/reports/facts.ts stepDuration): length in ms and the day each
        -- ended, NULL when not measured, so a percentile is a walk of one index in length order.
        received_ms INTEGER, received_day INTEGER,
        in_work_ms INTEGER, in_work_day INTEGER,
        decision_ms INTEGER,
        arrival_ms INTEGER, arrival_day INTEGER,
        out_ms INTEGER, out_day INTEGER,
        CHECK ((decision IS NULL) = (decided_day IS NULL))
      ) STRICT, WITHOUT ROWID;
      -- Drill-down lists: applications submitted or decided on a range of days.
      CREATE INDEX report_facts_submitted ON report_facts (center_id, submitted_day);
      CREATE INDEX report_facts_decided ON report_facts (center_id, decided_day) WHERE decided_day IS NOT NULL;
      -- Percentiles: each stretch in length order (a walk within one length bucket), and per deciding operator.
      CREATE INDEX report_facts_received_ms ON report_facts (center_id, received_ms, received_day) WHERE received_ms IS NOT NULL;
      CREATE INDEX report_facts_in_work_ms ON report_facts (center_id, in_work_ms, in_work_day) WHERE in_work_ms IS NOT NULL;
      CREATE INDEX report_facts_decision_ms ON report_facts (center_id, decision_ms, decided_day) WHERE decision_ms IS NOT NULL;
      CREATE INDEX report_facts_arrival_ms ON report_facts (center_id, arrival_ms, arrival_day) WHERE arrival_ms IS NOT NULL;
      CREATE INDEX report_facts_out_ms ON report_facts (center_id, out_ms, out_day) WHERE out_ms IS NOT NULL;
      CREATE INDEX report_facts_operator ON report_facts (center_id, decided_by, decision_ms, decided_day) WHERE decided_by IS NOT NULL;
      -- What the facts add to each figure on each day (shared/reports/day-counts.ts), kept by difference with
      -- every change of the facts: a report sums a few thousand of these rows, whatever the number of applications.
      CREATE TABLE report_day_counts (
        center_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        day INTEGER NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (center_id, metric, day, service, delivery, key)
      ) STRICT, WITHOUT ROWID;
    `);
    backfillReportFacts(db);
  },
};
