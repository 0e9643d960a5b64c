import type { Migration } from './types';

/**
 * Facts (issue 5): what physically happened to a card or a document, pushed as application-scoped ops. Every fact is
 * recorded, whatever the status; one that does not fit the process carries a flag for the supervisor's review list
 * (the same `checkFact` rules the workstation applied, run again on the server's status).
 */
export const migration004: Migration = {
  version: 4,
  name: 'facts',
  up(db) {
    db.exec(`
      CREATE TABLE facts (
        op_id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id),
        center_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('card_arrived', 'handed_over', 'shipped', 'printed')),
        args TEXT NOT NULL CHECK (json_valid(args)),
        status_seen TEXT NOT NULL,
        status_after TEXT NOT NULL,
        flag TEXT,
        workstation_id TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX facts_by_application ON facts (application_id, recorded_at);
      -- The review list: flagged facts of a center, newest first.
      CREATE INDEX facts_flagged ON facts (center_id, recorded_at) WHERE flag IS NOT NULL;
    `);
  },
};
