import { describe, expect, it } from 'vitest';
import { newerAnnounced } from './announced';
import { SyncStatusSchema, type SyncStatus } from './sync';
import { UpdateStatusSchema, type UpdateStatus } from './updates';

const status = (engine: string, n: number, syncing: boolean): SyncStatus =>
  SyncStatusSchema.parse({
    online: true, lastSuccessAt: null, pendingOps: 0, quarantinedOps: 0, conflicts: 0, syncing,
    progress: syncing ? { phase: 'reference', done: 0, total: 1 } : null, lastError: null, nextAttemptAt: null, enrolled: true,
    revision: { engine, n },
  });

const update = (engine: string, n: number, phase: 'downloading' | 'ready'): UpdateStatus =>
  UpdateStatusSchema.parse({
    phase, currentVersion: '0.1.0', channel: 'stable', channelFrom: 'config', availableVersion: '0.2.0',
    readyVersion: phase === 'ready' ? '0.2.0' : null, progressPercent: phase === 'downloading' ? 40 : null,
    lastCheckAt: null, lastError: null, revision: { engine, n },
  });

describe('which of two sync statuses a window keeps', () => {
  it('an answer read mid-cycle that arrives after the cycle-end event does not bring the ended phase back', () => {
    const ended = status('e1', 21, false);
    expect(newerAnnounced(ended, status('e1', 17, true))).toBe(ended);
  });

  it('a later announcement, or a read at the same announcement (counts may have moved since), replaces what is held', () => {
    const held = status('e1', 5, true);
    const later = status('e1', 6, false);
    const same = status('e1', 5, true);
    expect(newerAnnounced(held, later)).toBe(later);
    expect(newerAnnounced(held, same)).toBe(same);
    expect(newerAnnounced(undefined, held)).toBe(held);
  });

  it("a restarted core's status replaces the old engine's, however high the old count was", () => {
    const restarted = status('e2', 1, false);
    expect(newerAnnounced(status('e1', 900, true), restarted)).toBe(restarted);
  });
});

describe('which of two update statuses a window keeps', () => {
  it('an answer read mid-download that arrives after the downloaded event does not bring the download back', () => {
    const ready = update('u1', 12, 'ready');
    expect(newerAnnounced(ready, update('u1', 7, 'downloading'))).toBe(ready);
  });

  it("a later announcement replaces what is held, and a restarted core's status replaces the old updater's", () => {
    const later = update('u1', 8, 'ready');
    expect(newerAnnounced(update('u1', 7, 'downloading'), later)).toBe(later);
    const restarted = update('u2', 0, 'downloading');
    expect(newerAnnounced(later, restarted)).toBe(restarted);
  });
});
