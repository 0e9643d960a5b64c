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
        due_day INTEGER NOT NULL,
        extended_by TEXT NOT NULL DEFAULT '[]',
        applicant_name TEXT NOT NULL,
        name_sort TEXT NOT NULL,
        rnokpp TEXT,
        licence_key TEXT NOT NULL,
        phone_key TEXT,
        delivery TEXT NOT NULL
      ) STRICT;

      -- The full record as last pulled, apart from the narrow queue columns: a queue row stays a few hundred
      -- bytes, so pages, counts and search touch few database pages even at 200,000 applications.
      CREATE TABLE application_records (
        rowid INTEGER PRIMARY KEY REFERENCES applications (rowid) ON DELETE CASCADE,
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
      -- Status and deadline correlate with dates (finished applications are old), so a status filter or the
      -- pending set gets its own index per sort column: the first page is a seek, never a sort of thousands.
      CREATE INDEX applications_status_number ON applications (status, number_key);
      CREATE INDEX applications_status_name ON applications (status, name_sort);
      CREATE INDEX applications_status_service ON applications (status, service, ground);
      CREATE INDEX applications_status_submitted ON applications (status, submitted_at);
      CREATE INDEX applications_status_due ON applications (status, due_sort);
      CREATE INDEX applications_status_delivery ON applications (status, delivery);
      CREATE INDEX applications_pending_number ON applications (pending, number_key);
      CREATE INDEX applications_pending_name ON applications (pending, name_sort);
      CREATE INDEX applications_pending_service ON applications (pending, service, ground);
      CREATE INDEX applications_pending_submitted ON applications (pending, submitted_at);
      CREATE INDEX applications_pending_status ON applications (pending, status_rank);
      CREATE INDEX applications_pending_delivery ON applications (pending, delivery);
      CREATE INDEX applications_by_center_submitted ON applications (center_id, submitted_at);
      -- Identifier look-ups, exact and by prefix.
      CREATE INDEX applications_by_rnokpp ON applications (rnokpp) WHERE rnokpp IS NOT NULL;
      CREATE INDEX applications_by_licence ON applications (licence_key);
      CREATE INDEX applications_by_phone ON applications (phone_key) WHERE phone_key IS NOT NULL;

      -- Exact facet counts without scanning 200,000 rows: a count per (status, service, delivery, due day),
      -- kept by triggers in the same transaction as every change. due_day is the Kyiv day of the decision
      -- deadline for pending applications and 0 for the rest; "overdue" and "due soon" are day comparisons.
      CREATE TABLE queue_facets (
        status TEXT NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
        due_day INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (status, service, delivery, due_day)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER queue_facets_insert AFTER INSERT ON applications BEGIN
        INSERT INTO queue_facets (status, service, delivery, due_day, n)
        VALUES (NEW.status, NEW.service, NEW.delivery, NEW.due_day, 1)
        ON CONFLICT (status, service, delivery, due_day) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER queue_facets_delete AFTER DELETE ON applications BEGIN
        UPDATE queue_facets SET n = n - 1
        WHERE status = OLD.status AND service = OLD.service AND delivery = OLD.delivery AND due_day = OLD.due_day;
      END;
      CREATE TRIGGER queue_facets_update AFTER UPDATE OF status, service, delivery, due_day ON applications BEGIN
        UPDATE queue_facets SET n = n - 1
        WHERE status = OLD.status AND service = OLD.service AND delivery = OLD.delivery AND due_day = OLD.due_day;
        INSERT INTO queue_facets (status, service, delivery, due_day, n)
        VALUES (NEW.status, NEW.service, NEW.delivery, NEW.due_day, 1)
        ON CONFLICT (status, service, delivery, due_day) DO UPDATE SET n = n + 1;
      END;

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
