import type { AppError } from '../../../shared/api/errors';
import type { SyncStatus } from '../../../shared/api/sync';
import type { Logger } from '../log';
import type { PullApplier } from '../services/pull-apply';
import type { ReviewSettlement } from '../services/review-settlement';
import type { SqlRunner } from '../store/sql';
import type { CentralConnection } from './connection';
import type { FleetReporter } from './fleet-report';
import type { OutboxSync } from './outbox-sync';
import type { ReferenceApplier } from './reference-apply';
import type { SyncScheduler } from './scheduler';

/** What the sync engine and its phases are built from (a module of its own, so the phases never import the engine). */
export interface SyncEngineOptions {
  sql: SqlRunner;
  applier: PullApplier;
  outbox: OutboxSync;
  reference: ReferenceApplier;
  /** Review flags the central server settled are resolved after each push and pull page. */
  review?: ReviewSettlement;
  /** Null until `attach` (a training server still starting), or for good when there is none; `unavailable` says why. */
  connection: CentralConnection | null;
  unavailable?: AppError;
  scheduler: SyncScheduler;
  /** The audit chain's latest hash travels with every push (DESIGN.md, "Data"). */
  auditHead: () => { hash: string };
  log: Logger;
  onStatus?: (status: SyncStatus) => void;
  onQueueChanged?: (reason: string) => void;
  /** Reference data changed (operators among it): open sessions are held against their operators at once. */
  onReferenceChanged?: () => void;
  pageSize?: number;
  /** A local write starts a cycle this long after it, so a burst of decisions travels in one push. */
  debounceMs?: number;
  /** Between successful cycles. */
  intervalMs?: number;
  /** Reports to the fleet view after each successful cycle (absent in training mode). */
  fleet?: FleetReporter;
  /** Fetches IT's update channel and pin after each successful cycle (absent in training mode). */
  updatePolicy?: { refresh(conn: CentralConnection): Promise<void> };
}
