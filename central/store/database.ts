import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { migrate } from './migrations';

export type CentralDb = Database.Database;

/**
 * Opens (and migrates) the central store with the durability DESIGN.md asks for: WAL, synchronous=FULL, foreign
 * keys and a busy timeout; refuses a connection that did not take them. Gives the store an epoch on first open.
 */
export function openCentralDatabase(file: string): CentralDb {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -64000');
    db.pragma('temp_store = MEMORY');
    const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode !== 'wal' || Number(db.pragma('synchronous', { simple: true })) !== 2 || Number(db.pragma('foreign_keys', { simple: true })) !== 1) {
      throw new Error(`central database connection is not durable (journal_mode=${mode})`);
    }
    migrate(db);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run('epoch', newEpoch());
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A new random epoch: cursors carry it, so a replaced store (or a forced resync) answers old cursors with a reset. */
export function newEpoch(): string {
  return randomBytes(6).toString('hex');
}
