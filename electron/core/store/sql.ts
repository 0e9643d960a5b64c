import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database';

export interface ApplicationsTable {
  rowid: number;
  id: string;
  number: string;
  number_key: string;
  version: number;
  center_id: string;
  service: string;
  ground: string;
  status: string;
  status_rank: number;
  pending: number;
  submitted_at: number;
  due_at: number;
  due_sort: number;
  extended_by: string;
  applicant_name: string;
  name_sort: string;
  rnokpp: string | null;
  licence_key: string;
  phone_key: string | null;
  delivery: string;
  record: string;
}

export interface Schema {
  meta: { key: string; value: string };
  centers: { id: string; name: string; address: string };
  applications: ApplicationsTable;
  applicant_fts: { rowid: number; name: string };
  non_working_days: { day: string };
  force_majeure_periods: {
    id: string;
    center_id: string;
    kind: string;
    starts_at: number;
    ends_at: number;
    note: string;
    recorded_by: string | null;
    recorded_at: number;
  };
  settings: { key: string; value: string };
  image_cache: { hash: string; mime: string; data: Buffer; cached_at: number };
}

/**
 * Kysely builds and types the SQL; better-sqlite3 runs it synchronously, so a whole user action fits in one
 * `BEGIN IMMEDIATE` transaction without awaiting in the middle of it.
 */
export const qb = new Kysely<Schema>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** Runs compiled kysely queries through a cache of prepared statements. */
export class SqlRunner {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly db: Db) {}

  statement(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.cache.get(sqlText);
    if (!stmt) {
      stmt = this.db.prepare(sqlText);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sqlText, stmt);
    }
    return stmt;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.statement(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  get<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.statement(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const c = query.compile();
    return this.statement(c.sql).run(...(c.parameters as unknown[]));
  }

  /** One `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so it cannot fail half-way on a busy lock. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
