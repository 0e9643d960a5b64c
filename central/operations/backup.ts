/**
 * An online backup of a SQLite central store: better-sqlite3's backup API copies every page in one step, from one read
 * snapshot (WAL lets the server keep writing meanwhile, and a single step cannot be restarted by those writes). The
 * copy is written beside the destination, checked (`quick_check`, the schema version, the epoch), made a single
 * self-contained file (journal mode DELETE; a server opening it puts WAL back) and only then renamed into place, so a
 * file at the destination is always a whole backup.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { isPostgresUrl } from '../store/store';

export class BackupError extends Error {
  constructor(
    readonly code: 'not_sqlite' | 'source_missing' | 'backup_exists' | 'no_folder' | 'backup_damaged',
    message: string,
  ) {
    super(message);
  }
}

export interface BackupReport {
  file: string;
  bytes: number;
  schemaVersion: number;
  epoch: string;
  applications: number;
  feedPosition: number;
  ms: number;
}

export async function backupSqliteStore(options: { db: string; to: string }): Promise<BackupReport> {
  if (isPostgresUrl(options.db)) {
    throw new BackupError('not_sqlite', 'This store is a PostgreSQL database: back it up with pg_dump (see central/README.md, "Backup and restore").');
  }
  if (!existsSync(options.db)) throw new BackupError('source_missing', `There is no SQLite central store at ${options.db}.`);
  const to = resolve(options.to);
  if (existsSync(to)) throw new BackupError('backup_exists', `${to} already exists; name a new file for the backup (nothing was overwritten).`);
  if (!existsSync(dirname(to))) throw new BackupError('no_folder', `The folder ${dirname(to)} does not exist; create it or name another.`);
  const started = performance.now();
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(options.db, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // After the first (empty) step, every remaining page in one step: one snapshot, never restarted by a writer.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  try {
    const report = verify(partial);
    renameSync(partial, to);
    return { ...report, file: to, bytes: statSync(to).size, ms: performance.now() - started };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function verify(file: string): Omit<BackupReport, 'file' | 'bytes' | 'ms'> {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    const epoch = copy.prepare("SELECT value FROM meta WHERE key = 'epoch'").pluck().get() as string | undefined;
    if (check !== 'ok' || !epoch) throw new BackupError('backup_damaged', `The copy did not check out (${check === 'ok' ? 'no epoch' : String(check)}); nothing was written. Try again.`);
    return {
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      epoch,
      applications: copy.prepare('SELECT count(*) FROM applications').pluck().get() as number,
      feedPosition: copy.prepare('SELECT coalesce(max(change_seq), 0) FROM applications').pluck().get() as number,
    };
  } finally {
    copy.close();
  }
}
