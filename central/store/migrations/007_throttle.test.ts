import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 007 (throttle)', () => {
  it('upgrades a version-6 store with one token bucket per key, never below zero', () => {
    const db = freshDb();
    migrate(db, 6);
    expect(migrate(db, 7)).toBe(7);
    const insert = db.prepare('INSERT INTO throttle_buckets (key, tokens, updated_at) VALUES (?, ?, 0)');
    insert.run('ws-1', 1.5);
    expect(() => insert.run('ws-1', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('ws-2', -0.5)).toThrow(/CHECK/);
    db.close();
  });
});
