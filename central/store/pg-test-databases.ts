/**
 * The PostgreSQL databases a test process gives its central servers: copies of the run's migrated template, kept
 * after use and brought back to the template's state for the next server, because creating and dropping a database
 * writes and fsyncs megabytes each time (a fresh database per test server doubled the PostgreSQL run). A database a
 * test changed beyond its rows (a sequence of its own, a column, a database setting) is dropped instead.
 */
import pg from 'pg';
import { withPgClient } from './pg-cluster';

type Socket = { ref(): void; unref(): void };
const socketOf = (client: pg.Client) => (client as unknown as { connection: { stream: Socket } }).connection.stream;

/** Everything about a database's schema that a reset by rows cannot undo. */
const FINGERPRINT = `SELECT concat_ws('|',
  (SELECT json_agg(json_build_array(relname, relkind, relnatts) ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))
) AS f`;

/** The template's state as a fresh copy shows it: the schema's fingerprint and the rows it starts with. */
interface Pristine {
  fingerprint: string;
  tables: string[];
  rows: Map<string, Record<string, unknown>[]>;
  identities: { table: string; column: string }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class TestDatabases {
  private readonly free: string[] = [];
  private pristine: Promise<Pristine> | null = null;
  private maintenance: Promise<pg.Client> | null = null;
  private running = 0;
  private created = 0;

  constructor(
    private readonly maintenanceUrl: () => Promise<string>,
    private readonly template: string | undefined,
  ) {}

  /** A database in the template's state, with no connection open to it. */
  async take(): Promise<string> {
    const reused = this.free.pop();
    if (reused) return reused;
    const name = `central_${process.pid}_${++this.created}`;
    await this.maintain(`CREATE DATABASE ${quote(name)}${this.template ? ` TEMPLATE ${quote(this.template)}` : ''}`);
    // The first copy is read as the template's state (reading the template itself would stop other processes copying it).
    this.pristine ??= this.describe(name);
    await this.pristine;
    return name;
  }

  /** Returns a database after use (its connections closed): reset for the next server, or dropped. */
  async give(name: string): Promise<void> {
    if (await this.reset(name).catch(() => false)) this.free.push(name);
    else await this.maintain(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  }

  async url(name: string): Promise<string> {
    const url = new URL(await this.maintenanceUrl());
    url.pathname = `/${name}`;
    return url.toString();
  }

  private async describe(name: string): Promise<Pristine> {
    return withPgClient(await this.url(name), async (c) => {
      const fingerprint = (await c.query<{ f: string }>(FINGERPRINT)).rows[0]!.f;
      const tables = (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.t);
      const rows = new Map<string, Record<string, unknown>[]>();
      for (const t of tables) {
        const found = (await c.query<Record<string, unknown>>(`SELECT * FROM ${quote(t)}`)).rows;
        if (found.length) rows.set(t, found);
      }
      const identities = (
        await c.query<{ table: string; column: string }>(
          "SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
        )
      ).rows;
      return { fingerprint, tables, rows, identities };
    });
  }

  /** Deletes every row and puts the template's rows back, in one transaction; false when the schema itself changed. */
  private async reset(name: string): Promise<boolean> {
    const pristine = await this.pristine!;
    await this.maintain(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    return withPgClient(await this.url(name), async (c) => {
      if ((await c.query<{ f: string }>(FINGERPRINT)).rows[0]!.f !== pristine.fingerprint) return false;
      await c.query('BEGIN');
      // Replica mode keeps the append-only triggers of the effects log and the foreign keys quiet while rows go.
      await c.query('SET LOCAL session_replication_role = replica');
      for (const t of pristine.tables) await c.query(`DELETE FROM ${quote(t)}`);
      for (const [t, rows] of pristine.rows) {
        for (const row of rows) {
          const columns = Object.keys(row);
          await c.query(
            `INSERT INTO ${quote(t)} (${columns.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
            columns.map((k) => row[k]),
          );
        }
      }
      for (const { table, column } of pristine.identities) await c.query(`ALTER TABLE ${quote(table)} ALTER COLUMN ${quote(column)} RESTART`);
      await c.query('COMMIT');
      return true;
    });
  }

  /**
   * Runs a statement on this process's maintenance connection, opened once; it keeps the process alive only while a
   * statement runs, so an idle test process can end without closing it.
   */
  private async maintain(statement: string): Promise<void> {
    this.maintenance ??= (async () => {
      const c = new pg.Client({ connectionString: await this.maintenanceUrl() });
      await c.connect();
      c.on('error', () => {});
      socketOf(c).unref();
      return c;
    })();
    const client = await this.maintenance;
    if (this.running++ === 0) socketOf(client).ref();
    try {
      await client.query(statement);
    } finally {
      if (--this.running === 0) socketOf(client).unref();
    }
  }
}
