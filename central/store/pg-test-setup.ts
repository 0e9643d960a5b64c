/**
 * vitest global setup of the PostgreSQL run: one throwaway cluster for the whole run, and a template database with
 * the latest schema, so each test server's database is a quick copy (store-testing.ts). Stopped and removed at the end.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startPgCluster } from './pg-cluster';
import { migratePostgres } from './pg-schema';

const TEMPLATE = 'central_template';

export default async function setup(): Promise<() => void> {
  const cluster = await startPgCluster();
  try {
    const url = await cluster.createDatabase(TEMPLATE);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      await migratePostgres(db);
    } finally {
      // No connection may stay open to a template while databases are copied from it.
      await db.destroy();
    }
  } catch (err) {
    cluster.stop();
    throw err;
  }
  process.env.CENTRAL_TEST_PG_URL = cluster.url();
  process.env.CENTRAL_TEST_PG_TEMPLATE = TEMPLATE;
  return () => cluster.stop();
}
