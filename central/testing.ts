/**
 * Helpers for tests of the central server and of sync against it (the sync and fault tests use these).
 *
 * The checker: every effect the server applies for an op is a row in the append-only `effects` log, written in the
 * same transaction as the effect and the op's receipt. Counting rows per op id proves zero lost effects (every op
 * the workstation saw `applied` or `duplicate` has exactly one row) and zero duplicated effects (no op has two).
 *
 * `startTempCentral` starts a server on a fresh store of the run's kind (`CENTRAL_STORE`, see store/store-testing.ts):
 * the same test runs once on SQLite and once on PostgreSQL without knowing which.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationRecord } from '../shared/domain/application';
import { startCentral, type CentralOptions, type CentralServer } from './server';
import { createServices } from './services/container';
import { seedTraining, type TrainingSeedOptions } from './services/training-seed';
import { freshStoreTarget, testStoreKind } from './store/store-testing';
import { openStore, type CentralStore, type StoreKind } from './store/store';

/** A store to read: a running server's, an open store, or a target (file or URL) opened for the look-up. */
export type StoreSource = { store: CentralStore } | CentralStore | string;

/** Runs `fn` on the source's store; a target is opened for it and closed after. */
export async function withStore<T>(source: StoreSource, fn: (store: CentralStore) => Promise<T>): Promise<T> {
  if (typeof source !== 'string') return fn('store' in source ? source.store : source);
  const store = await openStore(source, { poolSize: 2 });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** How many times each op's effect was applied, by op id (ops that took no effect are absent). */
export function effectCounts(source: StoreSource): Promise<Map<string, number>> {
  return withStore(source, async (store) => {
    const rows = await store.db
      .selectFrom('effects')
      .select((eb) => ['op_id', eb.fn.countAll<number>().as('n')])
      .where('op_id', 'is not', null)
      .groupBy('op_id')
      .execute();
    return new Map(rows.map((r) => [r.op_id!, Number(r.n)]));
  });
}

export interface AppliedEffect {
  opId: string | null;
  kind: string;
  version: number | null;
  workstationId: string | null;
}

/** Every effect per application in the order applied (ops, `received`, intake and events), for a readable diff. */
export function effectsByApplication(source: StoreSource): Promise<Map<string, AppliedEffect[]>> {
  return withStore(source, async (store) => {
    const rows = await store.db
      .selectFrom('effects')
      .select(['application_id', 'op_id', 'kind', 'version', 'workstation_id'])
      .where('application_id', 'is not', null)
      .orderBy('seq')
      .execute();
    const out = new Map<string, AppliedEffect[]>();
    for (const r of rows) {
      const list = out.get(r.application_id!) ?? [];
      list.push({ opId: r.op_id, kind: r.kind, version: r.version, workstationId: r.workstation_id });
      out.set(r.application_id!, list);
    }
    return out;
  });
}

/** The server's records of a center (all centers when none is named), parsed. */
export function serverRecords(source: StoreSource, centerId?: string): Promise<ApplicationRecord[]> {
  return withStore(source, async (store) => {
    let q = store.db.selectFrom('applications').select('record').orderBy('id');
    if (centerId) q = q.where('center_id', '=', centerId);
    return (await q.execute()).map((r) => JSON.parse(r.record) as ApplicationRecord);
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
export async function checkExactlyOnce(source: StoreSource, appliedOpIds: Iterable<string>): Promise<ExactlyOnceReport> {
  const counts = await effectCounts(source);
  const expected = new Set(appliedOpIds);
  return {
    lost: [...expected].filter((id) => !counts.has(id)).sort(),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([opId, count]) => ({ opId, count })).sort((a, b) => a.opId.localeCompare(b.opId)),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)).sort(),
  };
}

export type TempCentral = CentralServer & {
  kind: StoreKind;
  /** A temporary folder of this server's own, removed with it; the update feed's releases are in `dir/releases`. */
  dir: string;
  /** The store's file or URL: another server (or a child process) can be started on it. */
  target: string;
  /** Closes the server and removes its store. */
  dispose(): Promise<void>;
};

/**
 * A central server on a free loopback port over a fresh store: the run's kind unless `options.store` names one
 * (SQLite outside a vitest run, as for the Playwright specs).
 */
export async function startTempCentral(options: Partial<Omit<CentralOptions, 'db'>> & { store?: StoreKind } = {}): Promise<TempCentral> {
  const { store: kind = testStoreKind(), ...rest } = options;
  const t = await freshStoreTarget(kind);
  const dir = mkdtempSync(join(tmpdir(), 'sc-central-'));
  let server: CentralServer;
  try {
    server = await startCentral({ poolSize: 4, releasesDir: join(dir, 'releases'), ...rest, db: t.target });
  } catch (err) {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return Object.assign(server, {
    kind,
    dir,
    target: t.target,
    async dispose() {
      await server.close();
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Seeds the training world into a store target before any server runs on it, so several server processes started
 * at once with the same `--training-*` flags all find it seeded (none of them races to seed it).
 */
export async function seedTrainingStore(target: string, training: TrainingSeedOptions): Promise<void> {
  await withStore(target, async (store) => {
    await seedTraining(createServices(store, () => training.now, { disableDedupe: false, failPushes: 0 }), training);
  });
}
