import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type Generated,
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
  due_day: number;
  extended_by: string;
  applicant_name: string;
  name_sort: string;
  rnokpp: string | null;
  licence_key: string;
  phone_key: string | null;
  delivery: string;
  claimed_by: string | null;
  claimed_at: number | null;
  /** When the personal data were purged after the retention period (services/personal-data-purge.ts). */
  purged_at: Generated<number | null>;
}

export interface OperatorsTable {
  id: string;
  login: string;
  display_name: string;
  role: 'administrator' | 'supervisor';
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: number | null;
  source: 'central' | 'training';
  /** The password is a one-time password from IT: the operator chooses their own at sign-in (migration 009). */
  must_change_password: number;
  /** The central server's version of the password this row holds. */
  password_version: number;
}

export interface OutboxTable {
  seq: Generated<number>;
  op_id: string;
  scope: 'application' | 'center';
  application_id: string | null;
  center_id: string;
  type: string;
  args: string;
  base_version: number | null;
  client_time: number;
  operator_id: string;
  state: Generated<string>;
  result: string | null;
  acked_version: number | null;
  attempts: Generated<number>;
  first_failed_at: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  operator_id: string | null;
  action: string;
  entity_id: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
}

export interface Schema {
  meta: { key: string; value: string };
  centers: { id: string; name: string; address: string };
  applications: ApplicationsTable;
  application_records: { rowid: number; record: string };
  applicant_fts: { rowid: number; name: string };
  queue_facets: { status: string; service: string; delivery: string; due_day: number; n: number };
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
  operators: OperatorsTable;
  refusal_reasons: {
    code: string;
    title_uk: string;
    title_en: string;
    suggested_for_flag: string | null;
    active: number;
    sort_order: number;
  };
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  resync_seen: { id: string };
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

  /** Counts committed writes, so caches of query results (search hits) know when they are stale. */
  writes = 0;

  /** One `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so it cannot fail half-way on a busy lock. */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } finally {
      this.writes++;
    }
  }
}
