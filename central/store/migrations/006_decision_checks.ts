import type { Migration } from './types';

/**
 * The manual checks affirmed for an approval (issue 9): one row per ticked check, with the operator who ticked it and
 * the workstation's time (for the audit only), keyed by the approve op. The pulled record's approval step carries the
 * same marks, so a workstation resynced from scratch shows them in the history.
 */
export const migration006: Migration = {
  version: 6,
  name: 'decision_checks',
  up(db) {
    db.exec(`
      CREATE TABLE decision_checks (
        op_id TEXT NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications (id),
        check_code TEXT NOT NULL CHECK (check_code IN ('photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete')),
        operator_id TEXT NOT NULL,
        ticked_at TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (op_id, check_code)
      ) STRICT;
      CREATE INDEX decision_checks_by_application ON decision_checks (application_id);
    `);
  },
};
