/**
 * Helpers for tests of the central server and of sync against it (the lead's sync and fault tests use these).
 *
 * The checker: every effect the server applies for an op is a row in the append-only `effects` log, written in the
 * same transaction as the effect and the op's receipt. Counting rows per op id proves zero lost effects (every op
 * the workstation saw `applied` or `duplicate` has exactly one row) and zero duplicated effects (no op has two).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCentral, type CentralOptions, type CentralServer } from './server';

type Source = Database.Database | string;

function withDb<T>(source: Source, fn: (db: Database.Database) => T): T {
  if (typeof source !== 'string') return fn(source);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** How many times each op's effect was applied, by op id (ops that took no effect are absent). */
export function effectCounts(source: Source): Map<string, number> {
  return withDb(source, (db) => {
    const rows = db.prepare('SELECT op_id AS opId, count(*) AS n FROM effects WHERE op_id IS NOT NULL GROUP BY op_id').all() as { opId: string; n: number }[];
    return new Map(rows.map((r) => [r.opId, r.n]));
  });
}

export interface AppliedEffect {
  opId: string | null;
  kind: string;
  version: number | null;
  workstationId: string | null;
}

/** Every effect per application in the order applied (ops, `received`, intake and events), for a readable diff. */
export function effectsByApplication(source: Source): Map<string, AppliedEffect[]> {
  return withDb(source, (db) => {
    const rows = db
      .prepare('SELECT application_id AS applicationId, op_id AS opId, kind, version, workstation_id AS workstationId FROM effects WHERE application_id IS NOT NULL ORDER BY seq')
      .all() as (AppliedEffect & { applicationId: string })[];
    const out = new Map<string, AppliedEffect[]>();
    for (const { applicationId, ...e } of rows) {
      const list = out.get(applicationId) ?? [];
      list.push(e);
      out.set(applicationId, list);
    }
    return out;
  });
}

export interface ExactlyOnceReport {
  /** Ops the workstation holds as applied that the server has no effect for. */
  lost: string[];
  /** Ops whose effect the server applied more than once. */
  duplicated: { opId: string; count: number }[];
  /** Ops with an effect on the server that the workstation does not hold as applied (e.g. it thinks they failed). */
  unexpected: string[];
}

/**
 * Compares what the workstation believes (the op ids it recorded as `applied` or `duplicate`) with the server's
 * effects log. All three lists empty means every op took effect exactly once.
 */
export function checkExactlyOnce(source: Source, appliedOpIds: Iterable<string>): ExactlyOnceReport {
  const counts = effectCounts(source);
  const expected = new Set(appliedOpIds);
  return {
    lost: [...expected].filter((id) => !counts.has(id)).sort(),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([opId, count]) => ({ opId, count })).sort((a, b) => a.opId.localeCompare(b.opId)),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)).sort(),
  };
}

export type TempCentral = CentralServer & { dir: string; dbFile: string; dispose(): Promise<void> };

/** A central server on a free loopback port over a SQLite file in a fresh temporary folder. */
export async function startTempCentral(options: Partial<CentralOptions> = {}): Promise<TempCentral> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-central-test-'));
  const dbFile = join(dir, 'central.sqlite');
  const server = await startCentral({ ...options, dbFile });
  return Object.assign(server, {
    dir,
    dbFile,
    async dispose() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
