import { REFUSAL_REASON_SEED } from '../../../../shared/domain/refusal-reasons';
import type { Migration } from './types';

/**
 * Deciding (issue 3): operators, the refusal catalogue, claims on applications, the outbox and the audit log.
 * The refusal catalogue is reference data the central server will publish; until then these stable codes are
 * seeded here (DOMAIN.md, "Refusal reasons"). Later migrations never edit these rows in place.
 */
export const migration002: Migration = {
  version: 2,
  name: 'deciding',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        login TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('administrator', 'supervisor')),
        -- scrypt$N$r$p$salt$hash (node:crypto scrypt, salt and hash in base64url)
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        -- 'training' rows are seeded in training mode only and are refused by a production core.
        source TEXT NOT NULL DEFAULT 'central' CHECK (source IN ('central', 'training'))
      ) STRICT;

      CREATE TABLE refusal_reasons (
        code TEXT PRIMARY KEY,
        title_uk TEXT NOT NULL,
        title_en TEXT NOT NULL,
        suggested_for_flag TEXT CHECK (suggested_for_flag IN ('paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL
      ) STRICT;

      -- The claim lives on the application row: one operator works an application at a time.
      ALTER TABLE applications ADD COLUMN claimed_by TEXT;
      ALTER TABLE applications ADD COLUMN claimed_at INTEGER;

      -- The transactional outbox. seq is the local sequence ops are pushed and applied in (never op_id or
      -- client_time: clocks jump back after power cuts); AUTOINCREMENT so a seq is never reused after pruning.
      -- state is left unconstrained on purpose: the sync issue adds result states without rebuilding the table.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL CHECK (scope IN ('application', 'center')),
        application_id TEXT,
        center_id TEXT NOT NULL,
        type TEXT NOT NULL,
        args TEXT NOT NULL,
        base_version INTEGER,
        client_time INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        result TEXT,
        -- The server version an applied op produced; the local step stops being merged into the history once a
        -- pulled record reaches it.
        acked_version INTEGER,
        CHECK ((scope = 'application') = (application_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX outbox_by_application ON outbox (application_id, seq) WHERE application_id IS NOT NULL;
      CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';

      -- Append-only, hash-chained audit log: ids and digests only, never personal data, so purging personal
      -- data never breaks the chain.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        operator_id TEXT,
        action TEXT NOT NULL,
        entity_id TEXT,
        digest TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);

    const reason = db.prepare(
      'INSERT INTO refusal_reasons (code, title_uk, title_en, suggested_for_flag, sort_order) VALUES (?, ?, ?, ?, ?)',
    );
    REFUSAL_REASON_SEED.forEach(([code, uk, en, flag], i) => reason.run(code, uk, en, flag, i + 1));
  },
};

