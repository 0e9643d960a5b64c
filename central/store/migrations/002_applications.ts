import { STATUSES } from '../../../shared/domain/status';
import type { Migration } from './types';

const statusList = STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Applications as the central server holds them: the full record as JSON (served as-is in pull pages) beside the
 * columns the server queries. `change_seq` orders the changes feed: every change moves the application to the end.
 * Claims are rows of their own (the first committed claim wins); images are stored by their SHA-256.
 */
export const migration002: Migration = {
  version: 2,
  name: 'applications',
  up(db) {
    db.exec(`
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        center_id TEXT NOT NULL REFERENCES centers (id),
        status TEXT NOT NULL CHECK (status IN (${statusList})),
        version INTEGER NOT NULL CHECK (version >= 1),
        change_seq INTEGER NOT NULL UNIQUE,
        birth_date TEXT NOT NULL,
        photo_hash TEXT NOT NULL,
        signature_hash TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('intake', 'training')),
        last_actor TEXT NOT NULL,
        last_operator TEXT,
        last_op_id TEXT,
        decided_by TEXT,
        decided_operator TEXT,
        decided_op_id TEXT,
        record TEXT NOT NULL CHECK (json_valid(record))
      ) STRICT;
      CREATE INDEX applications_feed ON applications (center_id, change_seq);
      -- The applications a pull may mark received: few at any time, so a partial index keeps the marking cheap.
      CREATE INDEX applications_submitted ON applications (center_id, change_seq) WHERE status = 'submitted';
      CREATE INDEX applications_photo ON applications (photo_hash);
      CREATE INDEX applications_signature ON applications (signature_hash);

      CREATE TABLE claims (
        application_id TEXT PRIMARY KEY REFERENCES applications (id),
        operator_id TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        op_id TEXT,
        claimed_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE images (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        mime TEXT NOT NULL CHECK (mime IN ('image/svg+xml', 'image/jpeg', 'image/png')),
        data BLOB NOT NULL
      ) STRICT;
    `);
  },
};
