import type { ApplicationStore } from './applications';
import type { MetaStore } from './meta';
import type { ReferenceService } from './reference';
import type { WorkstationService } from './workstations';
import type { SqlRunner } from '../store/sql';

/** What applying an op needs from the rest of the server. */
export interface PushDeps {
  sql: SqlRunner;
  apps: ApplicationStore;
  reference: ReferenceService;
  meta: MetaStore;
  workstations: WorkstationService;
  now: () => number;
}
