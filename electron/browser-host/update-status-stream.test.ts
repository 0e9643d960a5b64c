import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/api/updates';
import { tempDir } from '../../tests/support/store';
import { startUpdatingStack, type UpdatingStack } from '../../tests/updates/support/updating-console';
import { hostRequests } from './host-testing';

/**
 * A page that opens its event stream mid-download (it loaded, signed in or reconnected) must not wait for the next
 * progress step to learn the download's state, nor miss the end announced before it opened. A production console
 * downloads a real release with electron-updater (the Electron app and net stood in) from the real central server,
 * through a fault proxy that holds the download halfway until the test lets it finish.
 */
const SIZE = 64 * 1024;
let staticDir: string;
let stack: UpdatingStack;
let requests: ReturnType<typeof hostRequests>;

beforeAll(async () => {
  staticDir = tempDir('sc-host-static-');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  stack = await startUpdatingStack({ now: Date.parse('2026-11-27T08:00:00Z'), installation: 11, staticDir, token: 'test-token', releaseSize: SIZE });
  requests = hostRequests(stack.host.port, 'test-token');
});

afterAll(async () => {
  await stack?.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const updateStatus = async () => JSON.parse((await requests.call('updates.status', {})).body).value as UpdateStatus;

describe('the browser host and the update status', () => {
  it('a new event stream starts with the update status as it is now: mid-download, and after the download ended', async () => {
    const finish = stack.holdNextDownload(SIZE / 2);
    await stack.core.updates!.checkNow();
    // Half the file has arrived and the rest is held: nothing more is announced until the test lets it through.
    await expect.poll(async () => (await updateStatus()).progressPercent, { timeout: 15_000 }).toBe(50);
    const midDownload = await updateStatus();
    expect(midDownload).toMatchObject({ phase: 'downloading', availableVersion: '0.2.0' });

    const opened = await requests.openStream(null);
    try {
      await expect.poll(() => opened.updates).toEqual([midDownload]);
      finish();
      // The stream that was open hears the end as it happens, as a later announcement than the one it opened with.
      await expect.poll(() => opened.updates.at(-1)?.phase, { timeout: 15_000 }).toBe('ready');
      expect(opened.updates.at(-1)!.revision.n).toBeGreaterThan(midDownload.revision.n);
    } finally {
      opened.close();
    }

    // A page that reconnects after the end was announced starts from the end, not from the download it last saw.
    const ended = await updateStatus();
    expect(ended).toMatchObject({ phase: 'ready', readyVersion: '0.2.0', progressPercent: null });
    const reopened = await requests.openStream(null);
    try {
      await expect.poll(() => reopened.updates).toEqual([ended]);
    } finally {
      reopened.close();
    }
  });
});
