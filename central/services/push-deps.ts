import type { OperatorService } from '../operators/operator-service';
import type { CentralStore, StoreDb } from '../store/store';
import type { ApplicationStore } from './applications';
import type { MetaStore } from './meta';
import type { BatchState } from './push-types';
import type { OperatorRow, ReferenceService } from './reference';
import type { WorkstationIdentity } from './workstations';

/** What applying an op needs from the rest of the server. */
export interface PushDeps {
  store: CentralStore;
  apps: ApplicationStore;
  reference: ReferenceService;
  meta: MetaStore;
  /** An operator's password change from a workstation writes IT's trail through it. */
  operators: OperatorService;
  now: () => number;
}

/** One push in progress: its transaction, who sent it, the center's operators (read once) and the batch's failures. */
export interface PushContext {
  tx: StoreDb;
  centerId: string;
  ws: WorkstationIdentity;
  operators: ReadonlyMap<string, OperatorRow>;
  batch: BatchState;
}
