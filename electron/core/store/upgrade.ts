import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { crashPoint, failPoint } from '../crash-point';
import type { Logger } from '../log';
import { openDatabase, type Db } from './database';
import { LATEST_VERSION, migrate } from './migrations';

/**
 * Opening the store after an update (DESIGN.md, "Updates and operations"). When the new version brings
 * migrations, the database is first copied with SQLite's online backup (better-sqlite3's `backup`), then migrated.
 * A migration that fails puts the copy back and says so; a power cut in the middle leaves a marker, and the next
 * start puts the copy back before migrating again. The outbox is data like any other: it is kept, migrated, and
 * drains to the central server afterwards (the server accepts the previous push schema too).
 */
export interface UpgradeOutcome {
  from: number;
  to: number;
  backupFile: string;
  /** The previous start died during an upgrade; the backup was put back before this one. */
  recoveredInterrupted: boolean;
}

export interface UpgradeOptions {
  nativeBinding?: string;
  /** Where backups and the in-progress marker go (`<dataDir>/backups`). */
  backupDir: string;
  now: () => number;
  log: Logger;
  /** Backups kept; the oldest go first. */
  keepBackups?: number;
}

const MARKER = 'upgrade-in-progress.json';

interface Marker {
  file: string;
  from: number;
  backupFile: string;
}

export async function openDatabaseWithUpgrade(file: string, o: UpgradeOptions): Promise<{ db: Db; upgrade: UpgradeOutcome | null }> {
  mkdirSync(o.backupDir, { recursive: true });
  const recovered = recoverInterrupted(file, o);
  const db = openDatabase(file, { nativeBinding: o.nativeBinding, skipMigrations: true });
  try {
    const from = db.pragma('user_version', { simple: true }) as number;
    // A new store (version 0) has nothing to protect; a store from a newer console is refused by migrate().
    if (from === 0 || from >= LATEST_VERSION) {
      migrate(db);
      return { db, upgrade: null };
    }
    const backupFile = await backUp(db, from, o);
    writeMarker(o.backupDir, { file, from, backupFile });
    try {
      migrate(db, LATEST_VERSION, {
        beforeCommit: (version) => failPoint('migration', version),
        afterCommit: () => crashPoint('migration_step_committed'),
      });
    } catch (err) {
      db.close();
      restore(file, backupFile);
      rmSync(join(o.backupDir, MARKER), { force: true });
      const why = err instanceof Error ? err.message.slice(0, 200) : String(err);
      o.log.error({ event: 'db.upgrade_failed', from, to: LATEST_VERSION, backup: basename(backupFile), err: why }, 'database upgrade failed; the backup was put back');
      throw new AppError(
        'migration_failed',
        `This version of the console could not convert its database (from version ${from} to ${LATEST_VERSION}: ${why}). ` +
          `The database was put back exactly as it was before the update, from the backup ${basename(backupFile)}; no work was lost, ` +
          'and operations waiting to be sent are still waiting. Ask IT to install the previous version again (or to pin this workstation to it) and to send the logs.',
      );
    }
    rmSync(join(o.backupDir, MARKER), { force: true });
    pruneBackups(o.backupDir, o.keepBackups ?? 3);
    const outcome = { from, to: LATEST_VERSION, backupFile, recoveredInterrupted: recovered };
    o.log.info({ event: 'db.upgraded', from, to: LATEST_VERSION, backup: basename(backupFile), recoveredInterrupted: recovered }, 'database upgraded after a backup');
    return { db, upgrade: outcome };
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

/** SQLite's online backup into a temporary name, checked, then renamed: a half-written copy is never taken for one. */
async function backUp(db: Db, version: number, o: UpgradeOptions): Promise<string> {
  const stamp = new Date(o.now()).toISOString().replace(/[:.]/g, '-');
  const backupFile = join(o.backupDir, `console-v${version}-${stamp}.sqlite`);
  const temp = `${backupFile}.part`;
  rmSync(temp, { force: true });
  await db.backup(temp);
  const copy = new Database(temp, { readonly: true });
  try {
    const ok = copy.pragma('quick_check', { simple: true }) === 'ok' && copy.pragma('user_version', { simple: true }) === version;
    if (!ok) throw new AppError('migration_failed', 'The backup taken before the database upgrade did not check out; the upgrade was not started. Free disk space and start the console again.');
  } finally {
    copy.close();
  }
  syncFile(temp);
  renameSync(temp, backupFile);
  return backupFile;
}

/** The previous start died mid-upgrade: the store may be half migrated, so the backup goes back first. */
function recoverInterrupted(file: string, o: UpgradeOptions): boolean {
  const markerFile = join(o.backupDir, MARKER);
  if (!existsSync(markerFile)) return false;
  const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
  if (marker.file !== file || !existsSync(marker.backupFile)) {
    rmSync(markerFile, { force: true });
    return false;
  }
  restore(file, marker.backupFile);
  rmSync(markerFile, { force: true });
  o.log.warn({ event: 'db.upgrade_interrupted', from: marker.from, backup: basename(marker.backupFile) }, 'an interrupted database upgrade was rolled back from its backup');
  return true;
}

/** Puts the backup in the store's place; the WAL and shared-memory files of the failed attempt go with it. */
function restore(file: string, backupFile: string): void {
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const temp = `${file}.restore`;
  copyFileSync(backupFile, temp);
  syncFile(temp);
  renameSync(temp, file);
}

function writeMarker(dir: string, marker: Marker): void {
  const temp = join(dir, `${MARKER}.part`);
  writeFileSync(temp, JSON.stringify(marker));
  syncFile(temp);
  renameSync(temp, join(dir, MARKER));
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function pruneBackups(dir: string, keep: number): void {
  // Oldest first by the time in the name (the version before it would sort v10 ahead of v9).
  const stamp = (n: string) => n.replace(/^console-v\d+-/, '');
  const backups = readdirSync(dir).filter((n) => /^console-v\d+-.+\.sqlite$/.test(n)).sort((a, b) => stamp(a).localeCompare(stamp(b)));
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(join(dir, old), { force: true });
}
