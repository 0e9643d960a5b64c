import type { Migration } from './types';

/**
 * The push throttle's token buckets, one row per workstation: in the store rather than in a process's memory, so
 * several server processes on one database throttle a workstation together.
 */
export const migration007: Migration = {
  version: 7,
  name: 'throttle',
  up(db) {
    db.exec(`
      CREATE TABLE throttle_buckets (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL CHECK (tokens >= 0),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
