import type { Migration } from './types';

/**
 * Personal data of finished applications is purged after the retention period (DESIGN.md, "Data";
 * services/personal-data-purge.ts). `purged_at` says when: the queue and the application screen say the data were
 * removed, and a later pull of a finished application keeps them removed. The partial index holds only the
 * finished applications not purged yet, so the daily run reads just those, and purged ones leave it for good.
 */
export const migration009: Migration = {
  version: 9,
  name: 'personal_data_purge',
  up(db) {
    db.exec(`
      ALTER TABLE applications ADD COLUMN purged_at INTEGER;
      CREATE INDEX applications_purge_due ON applications (status) WHERE purged_at IS NULL AND status IN ('issued', 'delivered', 'refused', 'cancelled');
    `);
  },
};
