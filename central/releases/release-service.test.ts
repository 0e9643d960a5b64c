import yaml from 'js-yaml';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CentralStore } from '../store/store';
import { freshStoreTarget, testStoreKind } from '../store/store-testing';
import { ArtifactStore } from './artifact-store';
import type { FeedCaller } from './release-service';
import { ReleaseService } from './release-service';
import { appImageName, artifactBytes } from './release-testing';
import type { FeedPlatform } from './feed-file';
import type { UpdateChannel } from '../../shared/sync/releases';

/** An installation id whose rollout position is `position` (electron-updater reads bytes 12..15). */
const idAt = (position: number) => `00000000-0000-4000-8000-0000${Math.floor(position * 0xffffffff).toString(16).padStart(8, '0')}`;
const ws = { id: 'ws-1', centerId: 'sc-1' };
const caller = (over: Partial<FeedCaller> = {}): FeedCaller => ({ workstation: ws, stagingId: idAt(0.5), manual: false, currentVersion: '0.1.0', ...over });

// The run's store (vitest runs this file once on SQLite and once on PostgreSQL).
const kind = testStoreKind();
describe(`release service on ${kind}`, () => {
  let store: CentralStore;
  let service: ReleaseService;
  let dir: string;
  let dispose: () => Promise<void>;
  const linux: { channel: UpdateChannel; platform: FeedPlatform } = { channel: 'stable', platform: 'linux' };
  const offered = async (req = linux, c = caller()) => {
    const answer = await service.feed(req, c);
    if (answer.status !== 200) return answer.code;
    const doc = yaml.load(answer.yaml) as { version: string; stagingPercentage?: number; files: unknown[] };
    return doc.stagingPercentage === undefined ? doc.version : `${doc.version}@${doc.stagingPercentage}%`;
  };
  const publish = async (version: string, rollouts: { stable?: number; beta?: number; halted?: boolean }) => {
    await service.upload({ version, name: appImageName(version) }, Readable.from([artifactBytes(version, 2048)]));
    for (const channel of ['stable', 'beta'] as const) {
      const percent = rollouts[channel];
      if (percent !== undefined) await service.changeRollout(version, { channel, percent, halted: rollouts.halted });
    }
  };

  beforeAll(async () => {
    const t = await freshStoreTarget(kind);
    dispose = t.dispose;
    store = await openStore(t.target);
    await store.db.insertInto('centers').values([{ id: 'sc-1', name: 'ТСЦ 1', address: 'Київ' }]).execute();
    await store.db.insertInto('workstations').values({ id: 'ws-1', center_id: 'sc-1', token_hash: 'h1', revoked: 0, enrolled_at: 0 }).execute();
    dir = mkdtempSync(join(tmpdir(), 'sc-release-service-'));
    service = new ReleaseService(store, new ArtifactStore(dir), () => Date.parse('2026-11-27T10:00:00Z'));
  });
  afterAll(async () => {
    await store.close();
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers nothing until IT rolls a release out; then the newest offered one, never below the running version', async () => {
    expect(await offered(linux, caller({ currentVersion: null }))).toBe('no_release');
    await publish('0.2.0', {});
    expect(await offered()).toBe('0.1.0');
    await service.changeRollout('0.2.0', { channel: 'stable', percent: 100 });
    expect(await offered()).toBe('0.2.0');
    expect(await offered(linux, caller({ currentVersion: '0.3.0' }))).toBe('0.3.0');
    expect(await offered({ channel: 'stable', platform: 'windows' })).toBe('0.1.0');
  });

  it('a second release in flight: inside its percentage get it, outside get the last full release', async () => {
    await publish('0.3.0', { stable: 10 });
    expect(await offered(linux, caller({ stagingId: idAt(0.05) }))).toBe('0.3.0@10%');
    expect(await offered(linux, caller({ stagingId: idAt(0.5) }))).toBe('0.2.0');
    // Without an installation id (not electron-updater), the newest with its percentage: the client decides.
    expect(await offered(linux, caller({ stagingId: null }))).toBe('0.3.0@10%');
  });

  it("IT's manual check ignores the percentage, but never a halted or 0 % release", async () => {
    expect(await offered(linux, caller({ manual: true }))).toBe('0.3.0');
    await service.changeRollout('0.3.0', { channel: 'stable', halted: true });
    expect(await offered(linux, caller({ manual: true, stagingId: idAt(0.05) }))).toBe('0.2.0');
    await service.changeRollout('0.3.0', { channel: 'stable', halted: false, percent: 0 });
    expect(await offered(linux, caller({ manual: true, stagingId: idAt(0.05) }))).toBe('0.2.0');
  });

  it('beta sees stable and beta releases; stable never sees a beta one', async () => {
    await publish('0.4.0-beta.1', { beta: 100 });
    expect(await offered({ channel: 'beta', platform: 'linux' })).toBe('0.4.0-beta.1');
    expect(await offered(linux)).toBe('0.2.0');
  });

  it("IT's channel for the center reaches the feed; switching beta to stable never downgrades unless IT allows it", async () => {
    const onBeta = caller({ currentVersion: '0.4.0-beta.1' });
    await service.assign('center', 'sc-1', { channel: 'stable', pinnedVersion: null, allowDowngrade: false });
    expect(await offered({ channel: 'beta', platform: 'linux' }, onBeta)).toBe('0.4.0-beta.1');
    await service.assign('center', 'sc-1', { channel: 'stable', pinnedVersion: null, allowDowngrade: true });
    expect(await offered({ channel: 'beta', platform: 'linux' }, onBeta)).toBe('0.2.0');
    await service.assign('center', 'sc-1', { channel: null, pinnedVersion: null, allowDowngrade: false });
  });

  it('a pin wins over rollout and channel; a pin below the running version needs an explicit downgrade', async () => {
    await service.assign('workstation', 'ws-1', { channel: null, pinnedVersion: '0.3.0', allowDowngrade: false });
    expect(await offered()).toBe('0.3.0');
    await service.assign('center', 'sc-1', { channel: null, pinnedVersion: '0.2.0', allowDowngrade: false });
    expect(await offered(), "the workstation's own pin comes first").toBe('0.3.0');
    await service.assign('workstation', 'ws-1', { channel: null, pinnedVersion: null, allowDowngrade: false });
    expect(await offered(linux, caller({ currentVersion: '0.3.0' }))).toBe('0.3.0');
    await service.assign('center', 'sc-1', { channel: null, pinnedVersion: '0.2.0', allowDowngrade: true });
    expect(await offered(linux, caller({ currentVersion: '0.3.0' }))).toBe('0.2.0');
    expect(await service.policyFor(ws)).toEqual({ channel: null, pinnedVersion: '0.2.0', allowDowngrade: true, source: 'center' });
  });
});
