import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 005 (fleet)', () => {
  it('upgrades a version-4 store with one report row per workstation and a known channel', () => {
    const db = freshDb();
    migrate(db, 4);
    expect(migrate(db, 5)).toBe(5);
    const insert = db.prepare(`INSERT INTO fleet_reports (workstation_id, center_id, app_version, channel, os, free_disk_bytes, outbox_size, quarantined_ops, clock_offset_ms, reported_at, last_success_at)
      VALUES (?, 'sc-1', '0.1.0', ?, 'linux x64', 1, 0, 0, 0, 0, 0)`);
    insert.run('ws-1', 'stable');
    expect(() => insert.run('ws-1', 'beta')).toThrow(/UNIQUE/);
    expect(() => insert.run('ws-2', 'nightly')).toThrow(/CHECK/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM fleet_reports WHERE center_id = 'sc-1' ORDER BY workstation_id").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/fleet_reports_by_center/);
    db.close();
  });
});
