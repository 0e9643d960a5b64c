import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../services/audit';

/**
 * `npm run audit:verify -- --data-dir <dir>` (or `--db <file>`): walks the audit chain of a console database
 * and names the first broken entry. Exits 0 when intact, 1 when broken, 2 when there is nothing to check.
 * Opens the file read-only, so it is safe beside a running console.
 */
export function runAuditVerify(argv: string[], out: (line: string) => void): number {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, db: { type: 'string' } } });
  const files = values.db
    ? [resolve(values.db)]
    : values['data-dir']
      ? ['console.sqlite', 'training.sqlite'].map((f) => join(resolve(values['data-dir']!), f)).filter((f) => existsSync(f))
      : [];
  if (files.length === 0) {
    out(values.db || values['data-dir'] ? 'No console database was found there.' : 'Usage: npm run audit:verify -- --data-dir <dir> | --db <file>');
    return 2;
  }
  let broken = false;
  for (const file of files) {
    if (!existsSync(file)) {
      out(`${file}: no such file.`);
      return 2;
    }
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").get()) {
        out(`${file}: this database has no audit log yet (written by an older console).`);
        continue;
      }
      const result = verifyAuditChain(db);
      if (result.ok) {
        out(`${file}: audit log intact, ${result.entries} entries; head is entry ${result.head.seq} (${result.head.hash}).`);
      } else {
        broken = true;
        out(`${file}: audit log BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason}. ${result.entries} entries before it verified.`);
      }
    } finally {
      db.close();
    }
  }
  return broken ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && /audit-verify\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = runAuditVerify(process.argv.slice(2), (line) => process.stdout.write(line + '\n'));
