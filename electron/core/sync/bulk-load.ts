import type { Db } from '../store/database';

const KEY = 'bulk_load.indexes';

interface SavedIndex {
  name: string;
  sql: string;
}

/**
 * The first pull of a whole center (or a full resync into an empty store) writes 100,000 rows through some twenty
 * queue indexes; building each index once at the end is several times cheaper than keeping it up row by row.
 * The index definitions are kept in `meta` in the same transaction that drops them, so a process killed half-way
 * gets them back at the next start (`restoreQueueIndexes`).
 */
export function beginBulkLoad(db: Db): boolean {
  const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM applications)').pluck().get() === 1;
  if (!empty) return false;
  db.transaction(() => {
    const saved = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('applications', 'report_facts') AND sql IS NOT NULL")
      .all() as SavedIndex[];
    if (saved.length === 0) return;
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(saved));
    for (const index of saved) db.exec(`DROP INDEX IF EXISTS "${index.name.replace(/"/g, '""')}"`);
  }).immediate();
  return true;
}

/** Builds the queue indexes again (after a bulk load, or at start after one was cut short) and refreshes statistics. */
export function restoreQueueIndexes(db: Db): number {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return 0;
  const saved = JSON.parse(row.value) as SavedIndex[];
  db.transaction(() => {
    for (const index of saved) db.exec(index.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ').replace(/^CREATE UNIQUE INDEX /i, 'CREATE UNIQUE INDEX IF NOT EXISTS '));
    db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
  }).immediate();
  db.exec('ANALYZE applications');
  if (saved.some((i) => i.sql.includes('report_facts'))) db.exec('ANALYZE report_facts');
  return saved.length;
}
