import type { Migration } from './types';

/**
 * PostgreSQL's step 11 splits the changes feed's counter per center (pg-schema.ts). SQLite has no counter: its one
 * writer numbers every center's changes from `max(change_seq) + 1`, which never waits on another center. The step
 * exists so both stores stay at the same schema version (a store moved between them, migrate-store).
 */
export const migration011: Migration = {
  version: 11,
  name: 'feed_counters',
  up() {},
};
