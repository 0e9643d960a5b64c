import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/sync';
import { startTempCentral } from '../../central/testing';
import { TEST_NOW } from '../support/deciding';
import { closeAfterEach } from './support/close-after-each';
import { FaultProxy } from './support/fault-proxy';
import { openWorkstation } from './support/workstation';

const started = closeAfterEach();

describe('the pages of a first pull', () => {
  it('start at 500 changes and grow fourfold up to the page size, and bring every application of the center', async () => {
    const central = started(await startTempCentral({ training: { seed: 43, size: 3000, now: TEST_NOW }, now: () => TEST_NOW }));
    const proxy = started(await FaultProxy.start(central.url));
    const ws = started(await openWorkstation(central, proxy.url, { pageSize: 5000 }));
    await ws.core.sync.engine.whenIdle();
    expect(await ws.ok<SyncStatus>('sync.status')).toMatchObject({ lastError: null });

    const limits = proxy.log.filter((r) => r.path.includes('/changes')).map((r) => Number(new URL(r.path, 'http://x').searchParams.get('limit')));
    expect(limits.slice(0, 3)).toEqual([500, 2000, 5000]);
    expect(limits.slice(3).every((l) => l === 5000)).toBe(true);
    const stored = ws.core.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    // The training world files every application at this center.
    expect(stored).toBe(3000);
    // The bulk load put the queue's counts and indexes back: the counts are those of the rows.
    const counted = ws.core.db.prepare('SELECT sum(n) FROM queue_facets').pluck().get();
    expect(counted).toBe(stored);
  });
});
