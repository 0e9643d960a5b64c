import { describe, expect, it } from 'vitest';
import { newerSyncStatus, SyncStatusSchema, type SyncStatus } from './sync';

const status = (engine: string, n: number, syncing: boolean): SyncStatus =>
  SyncStatusSchema.parse({
    online: true, lastSuccessAt: null, pendingOps: 0, quarantinedOps: 0, conflicts: 0, syncing,
    progress: syncing ? { phase: 'reference', done: 0, total: 1 } : null, lastError: null, nextAttemptAt: null, enrolled: true,
    revision: { engine, n },
  });

describe('which of two sync statuses a window keeps', () => {
  it('an answer read mid-cycle that arrives after the cycle-end event does not bring the ended phase back', () => {
    const ended = status('e1', 21, false);
    expect(newerSyncStatus(ended, status('e1', 17, true))).toBe(ended);
  });

  it('a later announcement, or a read at the same announcement (counts may have moved since), replaces what is held', () => {
    const held = status('e1', 5, true);
    const later = status('e1', 6, false);
    const same = status('e1', 5, true);
    expect(newerSyncStatus(held, later)).toBe(later);
    expect(newerSyncStatus(held, same)).toBe(same);
    expect(newerSyncStatus(undefined, held)).toBe(held);
  });

  it("a restarted core's status replaces the old engine's, however high the old count was", () => {
    const restarted = status('e2', 1, false);
    expect(newerSyncStatus(status('e1', 900, true), restarted)).toBe(restarted);
  });
});
