import type { Migration } from './types';

/**
 * Operators managed by IT (issue 12). An operator gets a one-time password that must be changed at the first
 * sign-in (`must_change_password`); `password_version` moves each time the password is set, so a change an operator
 * made offline is taken only if nothing newer was set since. `operator_events` is IT's trail of who added, disabled,
 * re-enabled, re-roled or reset whom, and of each password change from a workstation: ids and codes only, never a
 * password or a hash.
 */
export const migration010: Migration = {
  version: 10,
  name: 'operators',
  up(db) {
    db.exec(`
      ALTER TABLE operators ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
      ALTER TABLE operators ADD COLUMN password_version INTEGER NOT NULL DEFAULT 0 CHECK (password_version >= 0);
      ALTER TABLE operators ADD COLUMN password_set_at INTEGER;
      CREATE TABLE operator_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        operator_id TEXT NOT NULL REFERENCES operators (id),
        center_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('added', 'disabled', 'enabled', 'role_changed', 'password_reset', 'password_changed')),
        -- 'admin' for IT's admin routes, a workstation id for a change pushed from there.
        actor TEXT NOT NULL,
        op_id TEXT,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX operator_events_by_operator ON operator_events (operator_id, seq);
    `);
  },
};
