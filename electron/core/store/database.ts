import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path to an Electron build of better-sqlite3's addon (the shell passes it; Node uses the default). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Leave the schema as it is (the upgrade path migrates itself, after a backup). */
  skipMigrations?: boolean;
}

/**
 * Opens a store with the durability settings DESIGN.md requires and checks they took effect:
 * WAL, synchronous=FULL (a confirmed decision survives a power cut), foreign keys, a busy timeout.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, { nativeBinding: options.nativeBinding, readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    db.pragma('temp_store = MEMORY');
    // Content SQLite frees (a purged applicant, a page split's leftovers) is zeroed where that costs no extra I/O.
    db.pragma('secure_delete = FAST');
    assertDurable(db);
    if (!options.readonly && !options.skipMigrations) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Refuses to work on a connection that would not survive a power cut. */
export function assertDurable(db: Db): void {
  const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = Number(db.pragma('synchronous', { simple: true }));
  const fk = Number(db.pragma('foreign_keys', { simple: true }));
  if (mode !== 'wal' || sync !== 2 || fk !== 1) {
    throw new Error(`database connection is not durable (journal_mode=${mode}, synchronous=${sync}, foreign_keys=${fk})`);
  }
}
