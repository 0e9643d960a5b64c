import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 008 (releases)', () => {
  it('upgrades a version-6 store with releases, their files, rollouts per channel and assignments', () => {
    const db = freshDb();
    migrate(db, 6);
    expect(migrate(db, 8)).toBe(8);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO releases (version, channel, release_date, created_at) VALUES ('0.2.0', 'stable', '2026-01-01T00:00:00.000Z', 0)").run();
    expect(() => db.prepare("INSERT INTO releases (version, channel, release_date, created_at) VALUES ('0.3.0', 'nightly', '2026-01-01', 0)").run()).toThrow(/CHECK/);

    const file = db.prepare(`INSERT INTO release_files (version, name, feed, kind, size, sha512, uploaded_at) VALUES (?, ?, ?, 'installer', 10, 'x', 0)`);
    file.run('0.2.0', 'a.AppImage', 'linux');
    expect(() => file.run('0.2.0', 'a.AppImage', 'linux')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => file.run('0.2.0', 'a.dmg', 'mac')).toThrow(/CHECK/);
    expect(() => file.run('9.9.9', 'b.AppImage', 'linux')).toThrow(/FOREIGN KEY/);

    const rollout = db.prepare('INSERT INTO release_rollouts (version, channel, percent, updated_at) VALUES (?, ?, ?, 0)');
    rollout.run('0.2.0', 'beta', 10);
    expect(() => rollout.run('0.2.0', 'stable', 101)).toThrow(/CHECK/);

    const assign = db.prepare('INSERT INTO update_assignments (scope, target_id, channel, pinned_version, updated_at) VALUES (?, ?, ?, ?, 0)');
    assign.run('center', 'sc-1', 'beta', null);
    assign.run('workstation', 'ws-1', null, '0.2.0');
    expect(() => assign.run('workstation', 'ws-2', null, '7.7.7')).toThrow(/FOREIGN KEY/);
    expect(() => assign.run('region', 'r-1', 'beta', null)).toThrow(/CHECK/);
    db.close();
  });
});
