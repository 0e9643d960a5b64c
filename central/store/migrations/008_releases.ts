import type { Migration } from './types';

/**
 * The update channel (issue 12): releases with their artifacts (size and sha512 computed by this server from the
 * file it stores), the staged rollout of each release per channel, and IT's channel assignments and version pins for
 * a center or a workstation.
 */
export const migration008: Migration = {
  version: 8,
  name: 'releases',
  up(db) {
    db.exec(`
      CREATE TABLE releases (
        version TEXT PRIMARY KEY,
        channel TEXT NOT NULL CHECK (channel IN ('stable', 'beta')),
        notes TEXT NOT NULL DEFAULT '',
        release_date TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE release_files (
        version TEXT NOT NULL REFERENCES releases (version),
        name TEXT NOT NULL,
        feed TEXT NOT NULL CHECK (feed IN ('windows', 'linux', 'linux-arm64')),
        kind TEXT NOT NULL CHECK (kind IN ('installer', 'blockmap')),
        size INTEGER NOT NULL CHECK (size >= 0),
        sha512 TEXT NOT NULL,
        block_map_size INTEGER,
        uploaded_at INTEGER NOT NULL,
        PRIMARY KEY (version, name)
      ) STRICT;
      CREATE TABLE release_rollouts (
        version TEXT NOT NULL REFERENCES releases (version),
        channel TEXT NOT NULL CHECK (channel IN ('stable', 'beta')),
        percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
        halted INTEGER NOT NULL DEFAULT 0 CHECK (halted IN (0, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (version, channel)
      ) STRICT;
      CREATE TABLE update_assignments (
        scope TEXT NOT NULL CHECK (scope IN ('center', 'workstation')),
        target_id TEXT NOT NULL,
        channel TEXT CHECK (channel IN ('stable', 'beta')),
        pinned_version TEXT REFERENCES releases (version),
        allow_downgrade INTEGER NOT NULL DEFAULT 0 CHECK (allow_downgrade IN (0, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (scope, target_id)
      ) STRICT;
    `);
  },
};
