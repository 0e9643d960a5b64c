import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction; must not commit or roll back itself. */
  up(db: BetterSqlite3.Database): void;
}
