import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';
import { migration001 } from './001_reference';
import { migration002 } from './002_applications';
import { migration003 } from './003_sync';
import { migration004 } from './004_facts';
import { migration005 } from './005_fleet';
import { migration006 } from './006_decision_checks';
import { migration007 } from './007_throttle';
import { migration008 } from './008_releases';
import { migration009 } from './009_report_facts';
import { migration010 } from './010_operators';
import { migration011 } from './011_feed_counters';

/** Every migration of the central store, listed statically in order. Add a file and a line; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings a database to `upTo` (the latest by default), one transaction per migration, tracked by user_version. */
export function migrate(db: BetterSqlite3.Database, upTo: number = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw Object.assign(new Error(`central database version ${current} is newer than this server (${LATEST_VERSION})`), { code: 'DB_TOO_NEW' });
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
