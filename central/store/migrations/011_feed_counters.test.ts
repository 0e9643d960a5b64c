import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 011 (feed counters)', () => {
  it('brings a version-10 store to version 11 without a counter table: SQLite numbers the feed from its applications', () => {
    const db = freshDb();
    migrate(db, 10);
    const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const before = tables();
    expect(migrate(db, 11)).toBe(11);
    expect(tables()).toEqual(before);
    expect(before).not.toContain('feed_counters');
    db.close();
  });
});
