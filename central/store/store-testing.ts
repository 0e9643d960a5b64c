/**
 * Which stores the central tests run against. `CENTRAL_STORE=sqlite` or `CENTRAL_STORE=postgres` picks one (the
 * README's test command runs the suite once per store); unset means both where PostgreSQL is installed. In CI a
 * missing PostgreSQL is an error, never a silent skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinDir, startPgCluster, type PgCluster } from './pg-cluster';
import type { StoreKind } from './store';

export function storesUnderTest(): StoreKind[] {
  const wanted = process.env.CENTRAL_STORE;
  if (wanted === 'sqlite' || wanted === 'postgres') return [wanted];
  if (wanted) throw new Error(`CENTRAL_STORE must be sqlite or postgres, not ${wanted}`);
  if (postgresBinDir()) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('PostgreSQL is not installed; CI runs every central test on both stores');
  return ['sqlite'];
}

let cluster: Promise<PgCluster> | null = null;

/** One cluster per test process, stopped when the process exits. */
function sharedCluster(): Promise<PgCluster> {
  if (!cluster) {
    cluster = startPgCluster();
    void cluster.then((c) => process.once('exit', () => c.stop()));
  }
  return cluster;
}

/** A fresh, empty store target of the given kind: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function freshStoreTarget(kind: StoreKind): Promise<{ target: string; cluster: PgCluster | null; dispose(): void }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sc-central-store-'));
    return { target: join(dir, 'central.sqlite'), cluster: null, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const c = await sharedCluster();
  return { target: await c.createDatabase(), cluster: c, dispose: () => {} };
}
