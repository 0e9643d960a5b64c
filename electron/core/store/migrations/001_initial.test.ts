import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { migrate, LATEST_VERSION } from './index';
import { openDatabase, assertDurable } from '../database';
import { tempDir } from '../../../../tests/support/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return join(d, 'm.sqlite');
};

describe('migration 001 (initial)', () => {
  it('creates the tables and indexes the queue relies on and sets user_version', () => {
    const db = new Database(fresh());
    expect(migrate(db, 1)).toBe(1);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index')").pluck().all() as string[];
    for (const n of ['applications', 'applicant_fts', 'meta', 'centers', 'force_majeure_periods', 'non_working_days', 'image_cache',
      'applications_by_name', 'applications_by_due', 'queue_facets', 'applications_status_due', 'applications_pending_name', 'applications_by_rnokpp', 'applications_by_licence']) {
      expect(names).toContain(n);
    }
    db.close();
  });

  it('is idempotent: running the migrations again changes nothing', () => {
    const db = new Database(fresh());
    migrate(db);
    const before = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(before);
    db.close();
  });

  it('uses the name index for the applicant sort and the FTS table for name search', () => {
    const db = openDatabase(fresh());
    const plan = (q: string) => (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT id FROM applications ORDER BY name_sort, rowid LIMIT 50')).toContain('applications_by_name');
    expect(plan("SELECT id FROM applications WHERE rnokpp >= '311' AND rnokpp < '311\uffff'")).toContain('applications_by_rnokpp');
    expect(plan("SELECT rowid FROM applicant_fts WHERE applicant_fts MATCH '\"шев\"*'")).toContain('VIRTUAL TABLE INDEX');
    db.close();
  });

  it('refuses a database written by a newer console', () => {
    const file = fresh();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this console/);
  });

  it('opens every connection with WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(fresh());
    expect(() => assertDurable(db)).not.toThrow();
    db.pragma('synchronous = NORMAL');
    expect(() => assertDurable(db)).toThrow(/not durable/);
    db.close();
  });
});
