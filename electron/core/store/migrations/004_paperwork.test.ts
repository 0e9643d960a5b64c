import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases({ foreignKeys: true });

const fact = (db: Database.Database, opId: string, kind: string, extra: Record<string, unknown> = {}) =>
  db.prepare(`INSERT INTO paperwork_facts (op_id, application_id, kind, at, operator_id, status_seen, status_after, document, how, copy, tracking)
    VALUES (@op_id, 'app-1', @kind, 0, 'op', 'produced', 'produced', @document, @how, @copy, @tracking)`)
    .run({ op_id: opId, kind, document: null, how: null, copy: null, tracking: null, ...extra });

describe('migration 004 (paperwork)', () => {
  it('upgrades a version-3 store with applications and ops in it, changing none of them', () => {
    const db = fresh();
    migrate(db, 3);
    loadRecords(db, [makeRecord(1), makeRecord(2, { status: 'produced' })]);
    const snapshot = () => ({
      apps: db.prepare('SELECT a.*, r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid ORDER BY a.id').all(),
      outbox: db.prepare('SELECT * FROM outbox').all(),
    });
    const before = snapshot();
    expect(migrate(db, 4)).toBe(4);
    expect(snapshot()).toEqual(before);
    for (const t of ['paperwork_facts', 'review_flags', 'shipment_batches', 'shipment_parcels']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t)).toBe(1);
    }
    db.close();
  });

  it('a print row needs its document, method and copy number; a shipment row its tracking barcode', () => {
    const db = fresh();
    migrate(db, 4);
    fact(db, 'op-1', 'printed', { document: 'handover_receipt', how: 'pdf_saved', copy: 0 });
    fact(db, 'op-2', 'shipped', { tracking: '0500101983180' });
    fact(db, 'op-3', 'card_arrived');
    expect(() => fact(db, 'op-4', 'printed', { document: 'handover_receipt', how: 'pdf_saved' })).toThrow(/CHECK/);
    expect(() => fact(db, 'op-5', 'printed', { document: 'poster', how: 'pdf_saved', copy: 0 })).toThrow(/CHECK/);
    expect(() => fact(db, 'op-6', 'shipped')).toThrow(/CHECK/);
    expect(() => fact(db, 'op-7', 'teleported')).toThrow(/CHECK/);
    expect(() => fact(db, 'op-1', 'card_arrived')).toThrow(/UNIQUE/);
    db.close();
  });

  it('keeps one open parcel per application and one parcel per tracking barcode across batches', () => {
    const db = fresh();
    migrate(db, 4);
    const batch = db.prepare("INSERT INTO shipment_batches (id, center_id, created_at, created_by) VALUES (?, 'sc-1', 0, 'op')");
    const parcel = db.prepare('INSERT INTO shipment_parcels (batch_id, application_id, position, tracking) VALUES (?, ?, ?, ?)');
    batch.run('b-1');
    batch.run('b-2');
    parcel.run('b-1', 'app-1', 1, '0500101983180');
    expect(() => parcel.run('b-2', 'app-1', 1, null)).toThrow(/UNIQUE/);
    expect(() => parcel.run('b-2', 'app-2', 1, '0500101983180')).toThrow(/UNIQUE/);
    expect(() => parcel.run('b-9', 'app-3', 1, null)).toThrow(/FOREIGN KEY/);
    // Once shipped, the application may go into a new batch (a returned card sent again).
    const seq = fact(db, 'op-1', 'shipped', { tracking: '0500101983180' }).lastInsertRowid;
    db.prepare("UPDATE shipment_parcels SET shipped_fact_seq = ? WHERE batch_id = 'b-1'").run(seq);
    parcel.run('b-2', 'app-1', 1, null);
    db.close();
  });

  it('a review flag is resolved with who, when and a note, all three or none', () => {
    const db = fresh();
    migrate(db, 4);
    const seq = fact(db, 'op-1', 'card_arrived').lastInsertRowid;
    const flag = db.prepare("INSERT INTO review_flags (id, fact_seq, application_id, reason, flagged_at, operator_id) VALUES (?, ?, 'app-1', 'after_cancellation', 0, 'op')");
    flag.run('f-1', seq);
    expect(() => flag.run('f-2', seq)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE review_flags SET resolved_at = 1 WHERE id = 'f-1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE review_flags SET resolved_at = 1, resolved_by = 'op-s', resolution_note = 'ok' WHERE id = 'f-1'").run();
    const plan = queryPlan(db, 'SELECT id FROM review_flags WHERE resolved_at IS NULL ORDER BY flagged_at DESC');
    expect(plan).toContain('review_flags_open');
    db.close();
  });
});
