import type { Migration } from './types';

/**
 * Operators managed by IT on the central server (issue 12): an operator whose password is a one-time password from
 * IT must choose their own at the next sign-in (`must_change_password`), and `password_version` is the central
 * server's version of the password this row holds, so a change made here offline names the one it replaced.
 */
export const migration010: Migration = {
  version: 10,
  name: 'operator_passwords',
  up(db) {
    db.exec(`
      ALTER TABLE operators ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
      ALTER TABLE operators ADD COLUMN password_version INTEGER NOT NULL DEFAULT 0 CHECK (password_version >= 0);
    `);
  },
};
