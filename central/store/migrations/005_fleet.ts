import type { Migration } from './types';

/**
 * The fleet view (issue 12): each workstation's latest report (version, channel, OS, free disk, outbox, quarantine,
 * clock offset), its last successful sync and its last error. One row per workstation, replaced by each report.
 */
export const migration005: Migration = {
  version: 5,
  name: 'fleet',
  up(db) {
    db.exec(`
      CREATE TABLE fleet_reports (
        workstation_id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        app_version TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('stable', 'beta')),
        os TEXT NOT NULL,
        free_disk_bytes INTEGER,
        outbox_size INTEGER NOT NULL,
        quarantined_ops INTEGER NOT NULL,
        clock_offset_ms INTEGER NOT NULL,
        reported_at INTEGER NOT NULL,
        last_success_at INTEGER NOT NULL,
        last_error_code TEXT,
        last_error_at TEXT
      ) STRICT;
      CREATE INDEX fleet_reports_by_center ON fleet_reports (center_id, workstation_id);
    `);
  },
};
