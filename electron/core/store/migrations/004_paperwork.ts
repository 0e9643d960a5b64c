import type { Migration } from './types';

/**
 * Paperwork and handover (issue 5): the facts recorded at this workstation (card arrived, handed over, shipped,
 * printed), the supervisor's review list of odd facts, and shipment batches with their parcels.
 *
 * A fact row is written in the same transaction as its outbox op and audit entry, and outlives the outbox (which
 * sync may prune): prints count reprints from it, the daily register and delivery targets read their times from
 * it. It holds ids, codes and tracking numbers, never personal data (the identity document number typed at a
 * handover is compared, not stored).
 */
export const migration004: Migration = {
  version: 4,
  name: 'paperwork',
  up(db) {
    db.exec(`
      CREATE TABLE paperwork_facts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        application_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('card_arrived', 'handed_over', 'shipped', 'printed')),
        at INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        status_seen TEXT NOT NULL,
        status_after TEXT NOT NULL,
        flag TEXT,
        document TEXT CHECK (document IN ('production_order', 'handover_receipt', 'address_label', 'batch_list', 'refusal_notice', 'daily_register')),
        how TEXT CHECK (how IN ('job_sent', 'pdf_saved', 'operator_confirmed')),
        -- 0 for the first print of a document for an application, n for its n-th reprint.
        copy INTEGER CHECK (copy >= 0),
        batch_id TEXT,
        tracking TEXT,
        CHECK ((kind = 'printed') = (document IS NOT NULL AND how IS NOT NULL AND copy IS NOT NULL)),
        CHECK ((kind = 'shipped') = (tracking IS NOT NULL))
      ) STRICT;
      CREATE INDEX paperwork_facts_by_application ON paperwork_facts (application_id, kind, document);
      -- The daily register (hand-overs of a day) and delivery targets (shipments) read facts by kind and time.
      CREATE INDEX paperwork_facts_by_kind_at ON paperwork_facts (kind, at);

      -- Odd facts for the supervisor: one row per flagged fact, resolved with a note.
      CREATE TABLE review_flags (
        id TEXT PRIMARY KEY,
        fact_seq INTEGER NOT NULL UNIQUE REFERENCES paperwork_facts (seq),
        application_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        flagged_at INTEGER NOT NULL,
        operator_id TEXT NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT,
        resolution_note TEXT,
        CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution_note IS NULL))
      ) STRICT;
      CREATE INDEX review_flags_open ON review_flags (flagged_at) WHERE resolved_at IS NULL;
      CREATE INDEX review_flags_by_time ON review_flags (flagged_at);

      CREATE TABLE shipment_batches (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        shipped_at INTEGER,
        shipped_by TEXT,
        CHECK ((shipped_at IS NULL) = (shipped_by IS NULL))
      ) STRICT;
      CREATE INDEX shipment_batches_by_created ON shipment_batches (created_at);

      CREATE TABLE shipment_parcels (
        batch_id TEXT NOT NULL REFERENCES shipment_batches (id),
        application_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        tracking TEXT,
        -- Set when the parcel is handed to Ukrposhta; until then the parcel is open.
        shipped_fact_seq INTEGER REFERENCES paperwork_facts (seq),
        PRIMARY KEY (batch_id, application_id),
        CHECK (shipped_fact_seq IS NULL OR tracking IS NOT NULL)
      ) STRICT, WITHOUT ROWID;
      -- One open parcel per application; one parcel per tracking barcode, across every batch.
      CREATE UNIQUE INDEX shipment_parcels_open_application ON shipment_parcels (application_id) WHERE shipped_fact_seq IS NULL;
      CREATE UNIQUE INDEX shipment_parcels_by_tracking ON shipment_parcels (tracking) WHERE tracking IS NOT NULL;
    `);
  },
};
