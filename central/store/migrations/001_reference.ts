import { INITIAL_META, INITIAL_REFUSAL_REASONS } from '../reference-seed';
import type { Migration } from './types';

/**
 * Reference data the central server publishes to every workstation: centers, operators (with password hashes, so
 * workstations verify sign-ins offline), the refusal catalogue, the calendar of non-working days and force-majeure
 * periods per center. `meta` holds the store's epoch (cursors of another epoch are answered with a reset), the
 * reference-data version and the fees.
 */
export const migration001: Migration = {
  version: 1,
  name: 'reference',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE centers (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL) STRICT;

      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        login TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('administrator', 'supervisor')),
        -- scrypt$N$r$p$salt$hash, the console's format
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        source TEXT NOT NULL DEFAULT 'central' CHECK (source IN ('central', 'training')),
        UNIQUE (center_id, login)
      ) STRICT;

      -- The same stable codes as the workstation's catalogue (electron/core migration 002).
      CREATE TABLE refusal_reasons (
        code TEXT PRIMARY KEY,
        title_uk TEXT NOT NULL,
        title_en TEXT NOT NULL,
        suggested_for_flag TEXT CHECK (suggested_for_flag IN ('paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL
      ) STRICT;

      -- Empty under martial law: public holidays are working days.
      CREATE TABLE non_working_days (
        day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
      ) STRICT;

      -- Recorded by a supervisor at a workstation and pushed as a center-scoped op; idempotent by id.
      CREATE TABLE force_majeure_periods (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        kind TEXT NOT NULL CHECK (kind IN ('air_alarm', 'power_outage', 'other')),
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        note TEXT NOT NULL,
        recorded_by TEXT,
        workstation_id TEXT,
        op_id TEXT,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX force_majeure_by_center ON force_majeure_periods (center_id, starts_at);
    `);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (@key, @value)');
    for (const row of INITIAL_META) meta.run(row);
    const reason = db.prepare(
      'INSERT INTO refusal_reasons (code, title_uk, title_en, suggested_for_flag, active, sort_order) VALUES (@code, @title_uk, @title_en, @suggested_for_flag, @active, @sort_order)',
    );
    for (const row of INITIAL_REFUSAL_REASONS) reason.run(row);
  },
};
