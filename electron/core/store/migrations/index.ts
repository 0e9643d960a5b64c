import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';
import { migration001 } from './001_initial';
import { migration002 } from './002_deciding';
import { migration003 } from './003_sync';
import { migration004 } from './004_paperwork';
import { migration005 } from './005_acknowledge';
import { migration006 } from './006_report_facts';
import { migration007 } from './007_review_settlement';
import { migration008 } from './008_report_drill';
import { migration009 } from './009_personal_data_purge';
import { migration010 } from './010_operator_passwords';
import { migration011 } from './011_drill_facets';

/** Every migration, listed statically in order. Add a file and a line here; never edit a shipped migration. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface MigrationHooks {
  /** Inside each migration's transaction, after its changes and before the commit (a test's injected failure). */
  beforeCommit?(version: number): void;
  /** After each migration committed (a test's crash point). */
  afterCommit?(version: number): void;
}

/** Brings a database to the latest version, one transaction per migration, tracked by user_version. */
export function migrate(db: BetterSqlite3.Database, upTo: number = LATEST_VERSION, hooks: MigrationHooks = {}): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw Object.assign(new Error(`database version ${current} is newer than this console (${LATEST_VERSION})`), {
      code: 'DB_TOO_NEW',
    });
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      hooks.beforeCommit?.(m.version);
    }).immediate();
    hooks.afterCommit?.(m.version);
  }
  return db.pragma('user_version', { simple: true }) as number;
}
