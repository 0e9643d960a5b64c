import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The central server's tests and the sync tests run once per store (SQLite and PostgreSQL): two projects over the
 * same files, told apart by CENTRAL_STORE. `CENTRAL_STORE=sqlite|postgres` runs one; unset runs both where PostgreSQL
 * is installed and SQLite alone where it is not (CI without PostgreSQL is an error). The PostgreSQL project starts
 * one throwaway cluster for the whole run (central/store/pg-test-setup.ts).
 */
const CENTRAL = ['central/**/*.test.ts', 'tests/sync/**/*.test.ts'];

/** PostgreSQL's initdb where central/store/pg-cluster.ts looks for it: PG_BIN, or Debian's /usr/lib/postgresql/N/bin (15+). */
function postgresInstalled(): boolean {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && Number(v) >= 15) : [];
  const dirs = [process.env.PG_BIN, ...versions.map((v) => join(root, v, 'bin'))];
  return dirs.some((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

function storesUnderTest(): ('sqlite' | 'postgres')[] {
  const wanted = process.env.CENTRAL_STORE;
  if (wanted === 'sqlite' || wanted === 'postgres') return [wanted];
  if (wanted) throw new Error(`CENTRAL_STORE must be sqlite or postgres, not ${wanted}`);
  if (postgresInstalled()) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('PostgreSQL is not installed; CI runs every central test on both stores');
  return ['sqlite'];
}

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'console',
          // The updater's tests drive the console against a central feed on SQLite; the feed's own tests run per store.
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/updates/**/*.test.ts', 'renderer/**/*.test.ts'],
        },
      },
      ...storesUnderTest().map((kind) => ({
        extends: true as const,
        test: {
          name: `central:${kind}`,
          include: CENTRAL,
          // The SQLite migrations' own tests run once, in the SQLite project.
          exclude: kind === 'postgres' ? ['central/store/migrations/**'] : [],
          env: { CENTRAL_STORE: kind },
          globalSetup: kind === 'postgres' ? ['central/store/pg-test-setup.ts'] : [],
        },
      })),
    ],
  },
});
