/**
 * A workstation data folder whose queue holds a very large number of applications (1,000,000 for the bench's
 * scale figures, 2,000,000 for the grid's scale test), made in seconds rather than the minutes that generating and
 * pulling each one would take.
 *
 * A seed of generated applications goes through the product's own path: the real migrations, the pull applier
 * (sort keys, deadlines, facet counts, the name index). The seed's queue rows are then copied in SQL, in batches,
 * each copy with its own id and number and its name indexed for search, until the queue holds `rows`
 * applications; the queue's indexes are dropped for the copy and rebuilt from their own schema text after it.
 * The copies carry the queue columns only, not the full record: they list, sort, count and search like any other
 * row, but opening one finds no record. That is all the grid and its figures need.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApplications, generateTrainingSet } from '../shared/training';
import { openDatabase } from '../electron/core/store/database';
import { seedTrainingOperators } from '../electron/core/training-operators';
import { qb, SqlRunner } from '../electron/core/store/sql';
import { DeadlineModel } from '../electron/core/services/deadlines';
import { PullApplier } from '../electron/core/services/pull-apply';
import { nameIndexText } from '../electron/core/services/search';

export interface BulkStoreOptions {
  /** The data folder; the queue goes into its `training.sqlite`, as the core opens it without a configuration. */
  dataDir: string;
  rows: number;
  now: number;
  /** Generated applications that go through the pull applier; the rest are copies of them. */
  seedRows?: number;
  seed?: number;
}

/** Bumped whenever what this writes changes, so a kept folder from an older version is made again. */
const FORMAT = 1;
const PAGE = 1000;

/** The id and number of the n-th copy (from 0): numbers from 2026-1000000 up sort after every seed number. */
export const bulkCopyNumber = (n: number) => `2026-${1_000_000 + n}`;

/**
 * Makes the data folder unless it already holds a store made with the same options (a marker file says so), so a
 * test run after the first reuses it. Returns whether it was made now.
 */
export function ensureBulkStore(opts: BulkStoreOptions): boolean {
  const marker = join(opts.dataDir, 'bulk-store.json');
  const wanted = JSON.stringify({ format: FORMAT, rows: opts.rows, now: opts.now, seedRows: opts.seedRows ?? null, seed: opts.seed ?? null });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(join(opts.dataDir, 'training.sqlite'))) return false;
  rmSync(opts.dataDir, { recursive: true, force: true });
  buildBulkStore(opts);
  writeFileSync(marker, wanted);
  return true;
}

export function buildBulkStore({ dataDir, rows, now, seedRows = 5000, seed = 11 }: BulkStoreOptions): void {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'training.sqlite'));
  try {
    const sql = new SqlRunner(db);
    const applier = new PullApplier(sql, new DeadlineModel(sql));
    const set = generateTrainingSet({ seed, size: 0, now });
    sql.write(() => set.centers.forEach((c) => sql.run(qb.insertInto('centers').values(c))));
    seedTrainingOperators(sql);

    const seeds = [...generateApplications({ seed, size: Math.min(seedRows, rows), now })];
    for (let i = 0; i < seeds.length; i += PAGE) {
      applier.apply({ changes: seeds.slice(i, i + PAGE), cursor: `bulk:${i + PAGE}`, hasMore: i + PAGE < seeds.length });
    }
    const copies = rows - seeds.length;
    if (copies > 0) {
      // A file made for measuring, not a workstation's: no journal while copying (a failure leaves a file that is
      // made again), then back to the store's own journal mode.
      const journal = db.pragma('journal_mode', { simple: true }) as string;
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -262144');
      copyQueueRows(db, seeds.length, copies);
      // Statistics from a sample of each index: a full ANALYZE of millions of rows would take longer than the copy.
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
      db.pragma(`journal_mode = ${journal}`);
      db.pragma(`synchronous = ${synchronous}`);
    } else {
      db.exec('ANALYZE');
    }
  } finally {
    db.close();
  }
}

function copyQueueRows(db: ReturnType<typeof openDatabase>, seedCount: number, copies: number): void {
  const names = db.prepare('SELECT rowid, applicant_name FROM applications ORDER BY rowid').all() as { rowid: number; applicant_name: string }[];
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applications' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  db.exec('CREATE TEMP TABLE bulk_seed_names (seed INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const putName = db.prepare('INSERT INTO bulk_seed_names (seed, name) VALUES (?, ?)');
  // The i-th seed (from 0) in rowid order, whatever rowids the applier gave.
  db.exec('CREATE TEMP TABLE bulk_seed_rowids (i INTEGER PRIMARY KEY, rowid INTEGER NOT NULL)');
  const putRowid = db.prepare('INSERT INTO bulk_seed_rowids (i, rowid) VALUES (?, ?)');
  db.transaction(() => {
    names.forEach((n, i) => {
      putName.run(n.rowid, nameIndexText(n.applicant_name));
      putRowid.run(i, n.rowid);
    });
  })();

  const copyRows = db.prepare(`
    INSERT INTO applications (id, number, number_key, version, center_id, service, ground, status, status_rank, pending,
      submitted_at, due_at, due_sort, due_day, extended_by, applicant_name, name_sort, rnokpp, licence_key, phone_key, delivery)
    SELECT 'bulk-' || (@first + s.i), '2026-' || (1000000 + @first + s.i), '2026' || (1000000 + @first + s.i),
      a.version, a.center_id, a.service, a.ground, a.status, a.status_rank, a.pending,
      a.submitted_at, a.due_at, a.due_sort, a.due_day, a.extended_by, a.applicant_name, a.name_sort, a.rnokpp,
      a.licence_key, a.phone_key, a.delivery
    FROM bulk_seed_rowids s JOIN applications a ON a.rowid = s.rowid
    WHERE s.i < @count
    ORDER BY s.i`);
  const copyNames = db.prepare(`
    INSERT INTO applicant_fts (rowid, name)
    SELECT c.rowid, n.name
    FROM applications c
    JOIN bulk_seed_rowids s ON s.i = CAST(substr(c.id, 6) AS INTEGER) % @seedCount
    JOIN bulk_seed_names n ON n.seed = s.rowid
    WHERE c.rowid > @after`);

  db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    for (let first = 0; first < copies; first += seedCount) {
      const after = db.prepare('SELECT max(rowid) FROM applications').pluck().get() as number;
      copyRows.run({ first, count: Math.min(seedCount, copies - first) });
      copyNames.run({ seedCount, after });
    }
    for (const ix of indexes) db.exec(ix.sql);
  })();
  db.exec('DROP TABLE bulk_seed_names; DROP TABLE bulk_seed_rowids');
}
