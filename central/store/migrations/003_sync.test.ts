import { describe, expect, it } from 'vitest';
import { freshDb } from './test-db';
import { LATEST_VERSION, migrate } from './index';

describe('central migration 003 (sync)', () => {
  it('upgrades a version-2 store to the latest and refuses a store newer than the server', () => {
    const db = freshDb();
    migrate(db, 2);
    expect(migrate(db)).toBe(LATEST_VERSION);
    for (const t of ['workstations', 'enrolment_codes', 'receipts', 'effects']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer/);
    db.close();
  });

  it('keeps one receipt per op id, one workstation per token hash, and the effects log append-only', () => {
    const db = freshDb();
    migrate(db);
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'A', 'a')").run();
    const receipt = db.prepare("INSERT INTO receipts (op_id, workstation_id, center_id, digest, result, recorded_at) VALUES (?, 'ws', 'sc-1', 'd', ?, 0)");
    receipt.run('op-1', '{"result":"applied"}');
    expect(() => receipt.run('op-1', '{"result":"applied"}')).toThrow(/UNIQUE/);
    expect(() => receipt.run('op-2', 'not json')).toThrow(/CHECK/);
    const ws = db.prepare("INSERT INTO workstations (id, center_id, token_hash, enrolled_at) VALUES (?, 'sc-1', ?, 0)");
    ws.run('ws-1', 'h1');
    expect(() => ws.run('ws-2', 'h1')).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO effects (op_id, application_id, center_id, kind, version, at) VALUES ('op-1', 'a', 'sc-1', 'claim', 2, 0)").run();
    expect(() => db.prepare("UPDATE effects SET kind = 'approve'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM effects').run()).toThrow(/append-only/);
    db.close();
  });
});
