import type { Db } from '../store/database';

const KEY = 'bulk_load.indexes';

interface SavedIndex {
  name: string;
  sql: string;
  /** Absent in what a version before the triggers were saved wrote: an index. */
  type?: 'index' | 'trigger';
}

/**
 * The trigger-kept aggregate of the queue's counts (migration 001): its triggers cost more than the rest of an
 * application's insert, so a bulk load drops them too and counts the aggregate once at the end.
 */
const FACET_TRIGGERS = "type = 'trigger' AND tbl_name = 'applications' AND name LIKE 'queue\\_facets\\_%' ESCAPE '\\'";

/**
 * The first pull of a whole center (or a full resync into an empty store) writes 100,000 rows through some twenty
 * queue indexes; building each index once at the end is several times cheaper than keeping it up row by row.
 * The index definitions are kept in `meta` in the same transaction that drops them, so a process killed half-way
 * gets them back at the next start (`restoreQueueIndexes`).
 */
export function beginBulkLoad(db: Db): boolean {
  // Nothing of the report facts either: an application inserted during the load has none to look up.
  const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM applications) AND NOT EXISTS (SELECT 1 FROM report_facts)').pluck().get() === 1;
  if (!empty) return false;
  db.transaction(() => {
    const saved = db
      .prepare(`SELECT name, sql, type FROM sqlite_master WHERE ((type = 'index' AND tbl_name IN ('applications', 'report_facts')) OR (${FACET_TRIGGERS}))
        AND sql IS NOT NULL`)
      .all() as SavedIndex[];
    if (saved.length === 0) return;
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(saved));
    for (const entry of saved) db.exec(`DROP ${entry.type === 'trigger' ? 'TRIGGER' : 'INDEX'} IF EXISTS "${entry.name.replace(/"/g, '""')}"`);
  }).immediate();
  return true;
}

/**
 * Builds the queue indexes again (after a bulk load, or at start after one was cut short), puts the aggregate's
 * triggers back with the aggregate counted afresh, and refreshes statistics. Returns how many indexes it built.
 */
export function restoreQueueIndexes(db: Db): number {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return 0;
  const saved = JSON.parse(row.value) as SavedIndex[];
  const triggers = saved.filter((s) => s.type === 'trigger');
  db.transaction(() => {
    for (const entry of saved) {
      db.exec(entry.sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS ').replace(/^CREATE TRIGGER /i, 'CREATE TRIGGER IF NOT EXISTS '));
    }
    if (triggers.length) {
      db.exec(`DELETE FROM queue_facets;
        INSERT INTO queue_facets (status, service, delivery, due_day, n)
        SELECT status, service, delivery, due_day, count(*) FROM applications GROUP BY status, service, delivery, due_day`);
    }
    db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
  }).immediate();
  db.exec('ANALYZE applications');
  if (saved.some((i) => i.sql.includes('report_facts'))) db.exec('ANALYZE report_facts');
  return saved.length - triggers.length;
}
