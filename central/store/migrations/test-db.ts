import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An empty SQLite file in a fresh temporary folder (removed after the test), for migration tests. */
export function freshDb(): Database.Database {
  const d = mkdtempSync(join(tmpdir(), 'sc-central-mig-'));
  dirs.push(d);
  return new Database(join(d, 'm.sqlite'));
}
