import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { CentralStore, StoreOptions } from './store-types';

export type { CentralStore, StoreDb, StoreKind, StoreOptions } from './store-types';
export type { CentralSchema } from './schema';

/** True when `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens (and migrates) the store named by a SQLite file path or a postgres:// URL; gives it an epoch on first open. */
export async function openStore(target: string, options: StoreOptions = {}): Promise<CentralStore> {
  return isPostgresUrl(target) ? openPostgresStore(target, options.poolSize ?? 10) : openSqliteStore(target);
}
