import type { Migration } from './types';

/** Applications with the columns the queue filters, sorts and searches on; the full record as JSON beside them. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE centers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        address TEXT NOT NULL
      ) STRICT;

      CREATE TABLE applications (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        number TEXT NOT NULL,
        number_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        center_id TEXT NOT NULL,
        service TEXT NOT NULL,
        ground TEXT NOT NULL,
        status TEXT NOT NULL,
        status_rank INTEGER NOT NULL,
        pending INTEGER NOT NULL,
        submitted_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        due_sort INTEGER NOT NULL,
        extended_by TEXT NOT NULL DEFAULT '[]',
        applicant_name TEXT NOT NULL,
        name_sort TEXT NOT NULL,
        rnokpp TEXT,
        licence_key TEXT NOT NULL,
        phone_key TEXT,
        delivery TEXT NOT NULL,
        record TEXT NOT NULL
      ) STRICT;

      -- One index per sortable column; rowid is the implicit tie-break, so ORDER BY col, rowid walks the index.
      CREATE INDEX applications_by_number ON applications (number_key);
      CREATE INDEX applications_by_name ON applications (name_sort);
      CREATE INDEX applications_by_service ON applications (service, ground);
      CREATE INDEX applications_by_submitted ON applications (submitted_at);
      CREATE INDEX applications_by_due ON applications (due_sort);
      CREATE INDEX applications_by_status ON applications (status_rank);
      CREATE INDEX applications_by_delivery ON applications (delivery);
      -- Covering index for the facet counts: one narrow scan instead of the table.
      CREATE INDEX applications_facets ON applications (status, service, delivery, pending, due_at);
      CREATE INDEX applications_by_center_submitted ON applications (center_id, submitted_at);
      -- Identifier look-ups, exact and by prefix.
      CREATE INDEX applications_by_rnokpp ON applications (rnokpp) WHERE rnokpp IS NOT NULL;
      CREATE INDEX applications_by_licence ON applications (licence_key);
      CREATE INDEX applications_by_phone ON applications (phone_key) WHERE phone_key IS NOT NULL;

      -- Names, searched with FTS5. Contentless: the text lives in applications; rowid joins the two.
      CREATE VIRTUAL TABLE applicant_fts USING fts5(
        name, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
      );

      CREATE TABLE non_working_days (day TEXT PRIMARY KEY) STRICT;

      CREATE TABLE force_majeure_periods (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('air_alarm', 'power_outage', 'other')),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX force_majeure_by_center ON force_majeure_periods (center_id, starts_at);

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE image_cache (
        hash TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        cached_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
