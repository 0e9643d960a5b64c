import type { Compilable } from 'kysely';
import type { CentralStore, StoreDb } from './store-types';

/** A statement for a pipeline, with what to do with its rows; several services' statements share one round trip. */
export interface PipedRead {
  query: Compilable<unknown>;
  take(rows: unknown[]): void;
}

export function piped<R>(query: Compilable<R>, take: (rows: R[]) => void = () => {}): PipedRead {
  return { query, take: take as (rows: unknown[]) => void };
}

/** Runs the statements in order as one pipeline (`CentralStore.pipeline`) and hands each its rows. */
export async function runPiped(store: CentralStore, tx: StoreDb, reads: readonly PipedRead[]): Promise<void> {
  const rows = await store.pipeline(tx, reads.map((r) => r.query));
  reads.forEach((r, i) => r.take(rows[i]!));
}
