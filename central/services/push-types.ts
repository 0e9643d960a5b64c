import type { ApplicationRecord } from '../../shared/domain/application';
import type { PushOpResult } from '../../shared/sync/push';
import type { Winner } from './applications';

/** What applying one op came to, before it is written as a receipt. Shared by the push service and its op appliers. */
export interface OpOutcome {
  result: PushOpResult['result'];
  code?: string | null;
  message?: string;
  serverVersion?: number | null;
  winner?: Winner | null;
  record?: ApplicationRecord | null;
}

/** Applications on which an op of this batch failed: later decisions on them answer `conflict` too. */
export class BatchState {
  private readonly failed = new Set<string>();
  fail(applicationId: string | null): void {
    if (applicationId) this.failed.add(applicationId);
  }
  hasFailed(applicationId: string): boolean {
    return this.failed.has(applicationId);
  }
}
