import type { Migration } from './types';

/**
 * Sync with the central server (issue 4). The outbox gains what the engine needs to retry without losing or
 * repeating anything: attempt counts, when an op first failed (a day of transient failures quarantines it) and
 * when it may be tried again. Results land in the existing `state`, `result` and `acked_version` columns.
 */
export const migration003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN first_failed_at INTEGER;
      -- An op isolated in a failing batch waits until then; other applications' ops go past it.
      ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
      ALTER TABLE outbox ADD COLUMN last_error TEXT;
      ALTER TABLE outbox ADD COLUMN resolved_at INTEGER;
      -- The supervisor's lists (conflicts, rejections, quarantined ops, newest first) and the status counts: the
      -- outbox keeps every op it ever held, so these must not scan it.
      CREATE INDEX outbox_by_state ON outbox (state, seq);

      -- Ids seen during a full resync (a reset answer): what the central server no longer has is swept at its end.
      CREATE TABLE resync_seen (id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
    `);
  },
};
