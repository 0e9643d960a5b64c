import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/store/database';
import { SqlRunner } from '../../electron/core/store/sql';
import { DeadlineModel } from '../../electron/core/services/deadlines';
import { PullApplier } from '../../electron/core/services/pull-apply';
import { QueueQueries } from '../../electron/core/services/queue-query';
import type { ApplicationRecord } from '../../shared/domain/application';

/** A real SQLite file in a temporary folder, with the services wired as the core wires them. */
export function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), 'sc-console-test-'));
  const db: Db = openDatabase(join(dir, 'test.sqlite'));
  const sql = new SqlRunner(db);
  const deadlines = new DeadlineModel(sql);
  const applier = new PullApplier(sql, deadlines);
  const queries = new QueueQueries(sql, deadlines);
  return {
    dir,
    db,
    sql,
    deadlines,
    applier,
    queries,
    load(records: ApplicationRecord[]) {
      return applier.apply({ changes: records, cursor: `c${records.length}`, hasMore: false });
    },
    dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'sc-console-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
