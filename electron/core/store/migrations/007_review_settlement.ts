import type { Migration } from './types';

/**
 * A review flag can be settled by the central server: a fact flagged here because this workstation had not yet
 * pulled a status (a card scanned before `produced` arrived) is resolved when the server took the fact without a
 * flag and a pull brought its outcome. Such a resolution has no supervisor, so `resolved_by` may be empty when
 * `settled_by_central` says who settled it; SQLite cannot relax a CHECK in place, so the table is rebuilt with
 * every row as it was (no other table refers to it).
 */
export const migration007: Migration = {
  version: 7,
  name: 'review_settlement',
  up(db) {
    db.exec(`
      CREATE TABLE review_flags_next (
        id TEXT PRIMARY KEY,
        fact_seq INTEGER NOT NULL UNIQUE REFERENCES paperwork_facts (seq),
        application_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        flagged_at INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT,
        resolution_note TEXT,
        settled_by_central INTEGER NOT NULL DEFAULT 0 CHECK (settled_by_central IN (0, 1)),
        -- Open: nothing of a resolution. Resolved: a note, and either a supervisor or the central server, never both.
        CHECK ((resolved_at IS NULL) = (resolution_note IS NULL)),
        CHECK (resolved_at IS NOT NULL OR (resolved_by IS NULL AND settled_by_central = 0)),
        CHECK (resolved_at IS NULL OR (resolved_by IS NULL) = (settled_by_central = 1))
      ) STRICT;
      INSERT INTO review_flags_next (id, fact_seq, application_id, reason, flagged_at, operator_id, resolved_at, resolved_by, resolution_note)
        SELECT id, fact_seq, application_id, reason, flagged_at, operator_id, resolved_at, resolved_by, resolution_note FROM review_flags;
      DROP TABLE review_flags;
      ALTER TABLE review_flags_next RENAME TO review_flags;
      CREATE INDEX review_flags_open ON review_flags (flagged_at) WHERE resolved_at IS NULL;
      CREATE INDEX review_flags_by_time ON review_flags (flagged_at);
    `);
  },
};
