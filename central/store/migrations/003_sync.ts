import type { Migration } from './types';

/**
 * Sync: enrolled workstations (tokens stored hashed), one-time enrolment codes (hashed too), a receipt per op
 * written in the same transaction as the op's effect, and an append-only log of effects: the evidence that each op
 * took effect exactly once (central/testing.ts counts it).
 */
export const migration003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE workstations (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        token_hash TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
        enrolled_at INTEGER NOT NULL,
        rotated_at INTEGER,
        -- The latest audit-chain hash the workstation pushed: an anchor a local rewrite cannot match.
        audit_head TEXT,
        audit_head_at INTEGER
      ) STRICT;

      CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        used_at INTEGER,
        used_by TEXT,
        -- Only the training code is reusable (a trainee's console may start over with a fresh database).
        reusable INTEGER NOT NULL DEFAULT 0 CHECK (reusable IN (0, 1))
      ) STRICT;

      CREATE TABLE receipts (
        op_id TEXT PRIMARY KEY,
        workstation_id TEXT NOT NULL,
        center_id TEXT NOT NULL,
        application_id TEXT,
        digest TEXT NOT NULL,
        result TEXT NOT NULL CHECK (json_valid(result)),
        recorded_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE effects (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT,
        application_id TEXT,
        center_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        version INTEGER,
        workstation_id TEXT,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX effects_by_op ON effects (op_id) WHERE op_id IS NOT NULL;
      CREATE INDEX effects_by_application ON effects (application_id) WHERE application_id IS NOT NULL;
      CREATE TRIGGER effects_no_update BEFORE UPDATE ON effects
        BEGIN SELECT RAISE(ABORT, 'the effects log is append-only'); END;
      CREATE TRIGGER effects_no_delete BEFORE DELETE ON effects
        BEGIN SELECT RAISE(ABORT, 'the effects log is append-only'); END;
    `);
  },
};
