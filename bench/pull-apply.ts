/**
 * The pull's apply alone (DESIGN.md section 5): pages of a real central server's training center are fetched once
 * over loopback HTTP and kept, then applied into fresh stores `--trials` times, as the first pull applies them
 * (bulk load, validation, one transaction a page, index rebuild). The download and the server stay out of the
 * figures, so two versions of the apply can be compared on a busy machine.
 *
 *   node --import tsx bench/pull-apply.ts [--rows 10000] [--trials 3] [--pages FILE]
 *
 * `--pages FILE` keeps the fetched pages in FILE (JSON) and reads them from there when it exists, so runs before and
 * after a change apply the very same pages without starting a central server each time.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/core/store/database';
import { SqlRunner } from '../electron/core/store/sql';
import { DeadlineModel } from '../electron/core/services/deadlines';
import { PullApplier } from '../electron/core/services/pull-apply';
import { CENTER, withEnrolledConsole } from './sync';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, trials: { type: 'string', default: '3' }, pages: { type: 'string' } },
});
const root = join(tmpdir(), `sc-console-apply-bench-${process.pid}`);
mkdirSync(join(root, 'workstation'), { recursive: true });
const pages: unknown[] = await loadPages(Number(values.rows), values.pages);
const rows: number = pages.reduce<number>((n, p) => n + (p as { changes: unknown[] }).changes.length, 0);
try {
  for (let trial = 0; trial < Number(values.trials); trial++) {
    const db = openDatabase(join(root, `trial-${trial}.sqlite`));
    try {
      const applier = new PullApplier(new SqlRunner(db), new DeadlineModel(new SqlRunner(db)));
      // Each trial applies its own copy: the applier may keep references to what it was given.
      const copies = pages.map((p) => structuredClone(p));
      const cpu = process.cpuUsage();
      let t = performance.now();
      applier.beginBulkLoad();
      for (const page of copies) applier.applyUntrusted(page);
      const applyMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      t = performance.now();
      applier.finishBulkLoad();
      const indexMs = performance.now() - t;
      process.stdout.write(
        `trial ${trial + 1}: apply ${rows} records ${((applyMs * 1000) / rows).toFixed(0)} µs a record ` +
          `(CPU ${((used.user + used.system) / rows).toFixed(0)} µs), index rebuild ${(indexMs / 1000).toFixed(2)} s\n`,
      );
    } finally {
      db.close();
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

async function loadPages(n: number, file: string | undefined): Promise<unknown[]> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  const fetched = await fetchPages(n);
  if (file) writeFileSync(file, JSON.stringify(fetched));
  return fetched;
}

/** Every page of the bench center, as parsed JSON, from a training central server (enrolled like the console). */
async function fetchPages(n: number): Promise<unknown[]> {
  return withEnrolledConsole(root, n, async (_core, connection) => {
    const out: unknown[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = (await connection.client.changes(CENTER, cursor, 5000)) as { cursor: string; hasMore: boolean };
      out.push(page);
      if (!page.hasMore) return out;
      cursor = page.cursor;
    }
  });
}
