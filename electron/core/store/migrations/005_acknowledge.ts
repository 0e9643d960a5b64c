import type { Migration } from './types';

/**
 * Conflicts and rejections become acknowledgeable: the operator whose action the central server did not take (or a
 * supervisor) marks that they have seen it, so the header counts only what nobody has looked at yet. The op itself
 * and its recorded result stay as they were; the acknowledgement is local and audited.
 */
export const migration005: Migration = {
  version: 5,
  name: 'acknowledge',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN acknowledged_at INTEGER;
      ALTER TABLE outbox ADD COLUMN acknowledged_by TEXT;
      -- The header's count and the default list read only the conflicts nobody has acknowledged.
      CREATE INDEX outbox_unacknowledged ON outbox (state, seq) WHERE acknowledged_at IS NULL;
    `);
  },
};
