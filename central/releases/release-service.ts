import semver from 'semver';
import type { Readable } from 'node:stream';
import type {
  Assignment,
  AssignmentChange,
  AssignmentScope,
  Release,
  ReleaseUploadQuery,
  Rollout,
  RolloutChange,
  UpdateChannel,
  UpdatePolicy,
} from '../../shared/sync/releases';
import { HttpError } from '../http/errors';
import type { CentralSchema } from '../store/schema';
import type { CentralStore, StoreDb } from '../store/store';
import type { ArtifactStore, FoundArtifact } from './artifact-store';
import { chooseFeed, type FeedRequest } from './feed-choice';
import { artifactFeed, renderFeedYaml, type FeedPlatform } from './feed-file';

type ReleaseRow = CentralSchema['releases'];
type FileRow = CentralSchema['release_files'];
type RolloutRow = CentralSchema['release_rollouts'];
type AssignmentRow = CentralSchema['update_assignments'];

/** What a workstation's feed request carries once authenticated (null for the admin token or none). */
export interface FeedCaller {
  workstation: { id: string; centerId: string } | null;
  stagingId: string | null;
  manual: boolean;
  currentVersion: string | null;
}

export type FeedAnswer = { status: 200; yaml: string; version: string } | { status: 404; code: 'no_release'; message: string };

/** A stable release goes to both channels, a prerelease to beta only (electron-builder's channel scheme). */
const channelsOf = (channel: UpdateChannel): UpdateChannel[] => (channel === 'stable' ? ['stable', 'beta'] : ['beta']);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Releases, their staged rollout, and IT's channel assignments and pins, over the central store (SQLite or
 * PostgreSQL). The feed each workstation reads is decided here (feed-choice.ts); the artifacts live in the releases
 * folder (artifact-store.ts), registered only with the size and sha512 this server computed from the file.
 */
export class ReleaseService {
  constructor(
    private readonly store: CentralStore,
    readonly artifacts: ArtifactStore,
    private readonly now: () => number,
  ) {}

  async list(): Promise<Release[]> {
    const releases = await this.store.db.selectFrom('releases').selectAll().execute();
    const files = await this.store.db.selectFrom('release_files').selectAll().orderBy('name').execute();
    const rollouts = await this.store.db.selectFrom('release_rollouts').selectAll().execute();
    return releases
      .sort((a, b) => semver.rcompare(a.version, b.version))
      .map((r) => toRelease(r, files.filter((f) => f.version === r.version), rollouts.filter((o) => o.version === r.version)));
  }

  async get(version: string): Promise<Release> {
    const found = (await this.list()).find((r) => r.version === version);
    if (!found) throw new HttpError(404, 'unknown_release', `There is no release ${version} on this central server.`);
    return found;
  }

  /** One uploaded artifact: stored and hashed by the server, then registered (the release is made on its first file). */
  async upload(q: ReleaseUploadQuery, body: Readable): Promise<Release> {
    const feed = artifactFeed(q.name);
    if (!feed) {
      throw new HttpError(400, 'unsupported_artifact', `${q.name} is not an artifact this feed serves: upload the Windows installer (.exe), the AppImage, the .deb and their .blockmap files.`);
    }
    await this.refuseChannelChange(q.version, q.channel);
    const stored = await this.artifacts.receive(q.version, q.name, body, q.sha512);
    await this.register({ version: q.version, name: q.name, ...stored, blockMapSize: q.blockMapSize ?? null }, q.channel, q.notes);
    return this.get(q.version);
  }

  /** Registers what the releases folder holds and the store does not yet know. Answers the versions it touched. */
  async importFolder(): Promise<{ registered: { version: string; name: string }[]; refused: { version: string; name: string; code: string }[] }> {
    const known = new Set((await this.store.db.selectFrom('release_files').select(['version', 'name']).execute()).map((f) => `${f.version}/${f.name}`));
    const registered: { version: string; name: string }[] = [];
    const refused: { version: string; name: string; code: string }[] = [];
    for (const found of await this.artifacts.scan(known)) {
      if (found.builderSha512Mismatch) {
        refused.push({ version: found.version, name: found.name, code: 'sha512_mismatch' });
        continue;
      }
      await this.register(found);
      registered.push({ version: found.version, name: found.name });
    }
    return { registered, refused };
  }

  async changeRollout(version: string, change: RolloutChange): Promise<Release> {
    const release = await this.get(version);
    const channel = change.channel ?? release.channel;
    if (!channelsOf(release.channel).includes(channel)) {
      throw new HttpError(409, 'wrong_channel', `Release ${version} is a beta release; it can be rolled out on the beta channel only.`);
    }
    if (!release.files.some((f) => f.kind === 'installer') && (change.percent ?? 0) > 0) {
      throw new HttpError(409, 'release_incomplete', `Release ${version} has no installer yet; upload its files before rolling it out.`);
    }
    await this.store.write(async (tx) => {
      const set: Partial<RolloutRow> = { updated_at: this.now() };
      if (change.percent !== undefined) set.percent = change.percent;
      if (change.halted !== undefined) set.halted = change.halted ? 1 : 0;
      await tx.updateTable('release_rollouts').set(set).where('version', '=', version).where('channel', '=', channel).execute();
    });
    return this.get(version);
  }

  async assign(scope: AssignmentScope, id: string, change: AssignmentChange): Promise<Assignment> {
    await this.refuseUnknownTarget(scope, id);
    if (change.pinnedVersion) await this.get(change.pinnedVersion);
    const row: AssignmentRow = {
      scope, target_id: id, channel: change.channel, pinned_version: change.pinnedVersion,
      allow_downgrade: change.allowDowngrade ? 1 : 0, updated_at: this.now(),
    };
    await this.store.write(async (tx) => {
      if (row.channel === null && row.pinned_version === null) {
        await tx.deleteFrom('update_assignments').where('scope', '=', scope).where('target_id', '=', id).execute();
      } else {
        const { scope: _s, target_id: _t, ...rest } = row;
        await tx.insertInto('update_assignments').values(row).onConflict((oc) => oc.columns(['scope', 'target_id']).doUpdateSet(rest)).execute();
      }
    });
    return toAssignment(row);
  }

  async assignments(): Promise<Assignment[]> {
    const rows = await this.store.db.selectFrom('update_assignments').selectAll().orderBy('scope').orderBy('target_id').execute();
    return rows.map(toAssignment);
  }

  /** What the central server decided for one workstation: its own assignment first, then its center's. */
  async policyFor(ws: { id: string; centerId: string }, db: StoreDb = this.store.db): Promise<UpdatePolicy> {
    const rows = await db
      .selectFrom('update_assignments')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('scope', '=', 'workstation'), eb('target_id', '=', ws.id)]), eb.and([eb('scope', '=', 'center'), eb('target_id', '=', ws.centerId)])]))
      .execute();
    const own = rows.find((r) => r.scope === 'workstation');
    const center = rows.find((r) => r.scope === 'center');
    const channel = own?.channel ?? center?.channel ?? null;
    const pinnedVersion = own?.pinned_version ?? center?.pinned_version ?? null;
    // The downgrade permission belongs to whichever assignment set what applies.
    const deciding = own && (own.channel !== null || own.pinned_version !== null) ? own : center;
    return {
      channel,
      pinnedVersion,
      allowDowngrade: deciding?.allow_downgrade === 1,
      source: own ? 'workstation' : center ? 'center' : 'none',
    };
  }

  /** The channel file (`latest-linux.yml`, `beta.yml`, …) for one caller, decided per workstation. */
  async feed(requested: { channel: UpdateChannel; platform: FeedPlatform }, caller: FeedCaller): Promise<FeedAnswer> {
    const policy = caller.workstation ? await this.policyFor(caller.workstation) : null;
    const channel = policy?.channel ?? requested.channel;
    const releases = await this.store.db.selectFrom('releases').selectAll().execute();
    const installers = await this.store.db
      .selectFrom('release_files').selectAll().where('feed', '=', requested.platform).where('kind', '=', 'installer').execute();
    const rollouts = await this.store.db.selectFrom('release_rollouts').selectAll().where('channel', '=', channel).execute();
    const withFiles = releases.filter((r) => installers.some((f) => f.version === r.version));
    const request: FeedRequest = {
      channel,
      pinnedVersion: policy?.pinnedVersion ?? null,
      allowDowngrade: policy?.allowDowngrade ?? false,
      stagingId: caller.stagingId,
      manual: caller.manual,
      currentVersion: caller.currentVersion && semver.valid(caller.currentVersion) ? caller.currentVersion : null,
    };
    const candidates = withFiles
      .filter((r) => request.pinnedVersion === r.version || channelsOf(r.channel).includes(channel))
      .map((r) => {
        const rollout = rollouts.find((o) => o.version === r.version);
        return { version: r.version, percent: rollout?.percent ?? 0, halted: rollout?.halted === 1 };
      });
    const choice = chooseFeed(request, candidates);
    if (choice.kind === 'none') {
      return { status: 404, code: 'no_release', message: `No release is offered on the ${channel} channel for ${requested.platform} yet.` };
    }
    if (choice.kind === 'current') {
      return { status: 200, version: choice.version, yaml: renderFeedYaml({ version: choice.version, files: [], releaseDate: iso(this.now()), stagingPercentage: null, adminRights: false }) };
    }
    const release = releases.find((r) => r.version === choice.version)!;
    // The AppImage first: electron-updater's `path` is the first file, and the deb updater finds its own by extension.
    const files = installers
      .filter((f) => f.version === release.version)
      .sort((a, b) => Number(b.name.endsWith('.AppImage')) - Number(a.name.endsWith('.AppImage')) || a.name.localeCompare(b.name));
    return {
      status: 200,
      version: release.version,
      yaml: renderFeedYaml({
        version: release.version,
        files: files.map((f) => ({ name: f.name, sha512: f.sha512, size: f.size, blockMapSize: f.block_map_size })),
        releaseDate: release.release_date,
        releaseNotes: release.notes || undefined,
        stagingPercentage: choice.stagingPercentage,
        adminRights: requested.platform === 'windows',
      }),
    };
  }

  /** A registered artifact as a file to serve; null for anything the store does not list or the folder does not hold. */
  async artifact(version: string, name: string): Promise<{ path: string; size: number; recordedSize: number } | null> {
    const row = await this.store.db.selectFrom('release_files').select(['size']).where('version', '=', version).where('name', '=', name).executeTakeFirst();
    if (!row) return null;
    const file = await this.artifacts.open(version, name);
    return file ? { ...file, recordedSize: row.size } : null;
  }

  private async register(found: Pick<FoundArtifact, 'version' | 'name' | 'size' | 'sha512' | 'blockMapSize'>, channel?: UpdateChannel, notes?: string): Promise<void> {
    const feed = artifactFeed(found.name)!;
    const at = this.now();
    await this.store.write(async (tx) => {
      const existing = await tx.selectFrom('releases').select('channel').where('version', '=', found.version).executeTakeFirst();
      if (!existing) {
        const releaseChannel = channel ?? (semver.prerelease(found.version) ? 'beta' : 'stable');
        await tx.insertInto('releases').values({ version: found.version, channel: releaseChannel, notes: notes ?? '', release_date: iso(at), created_at: at }).execute();
        // A new release is offered to nobody until IT rolls it out.
        for (const c of channelsOf(releaseChannel)) {
          await tx.insertInto('release_rollouts').values({ version: found.version, channel: c, percent: 0, halted: 0, updated_at: at }).execute();
        }
      } else if (notes !== undefined) {
        await tx.updateTable('releases').set({ notes }).where('version', '=', found.version).execute();
      }
      const row: FileRow = {
        version: found.version, name: found.name, feed: feed.platform, kind: feed.kind, size: found.size, sha512: found.sha512,
        block_map_size: found.blockMapSize, uploaded_at: at,
      };
      const { version: _v, name: _n, ...rest } = row;
      await tx.insertInto('release_files').values(row).onConflict((oc) => oc.columns(['version', 'name']).doUpdateSet(rest)).execute();
    });
  }

  private async refuseChannelChange(version: string, channel: UpdateChannel | undefined): Promise<void> {
    if (!channel) return;
    const existing = await this.store.db.selectFrom('releases').select('channel').where('version', '=', version).executeTakeFirst();
    if (existing && existing.channel !== channel) {
      throw new HttpError(409, 'wrong_channel', `Release ${version} is already a ${existing.channel} release; its channel does not change.`);
    }
  }

  private async refuseUnknownTarget(scope: AssignmentScope, id: string): Promise<void> {
    const found =
      scope === 'center'
        ? await this.store.db.selectFrom('centers').select('id').where('id', '=', id).executeTakeFirst()
        : await this.store.db.selectFrom('workstations').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new HttpError(404, scope === 'center' ? 'unknown_center' : 'unknown_workstation', `There is no ${scope} ${id} on this central server.`);
  }
}

function toRollout(row: RolloutRow | undefined): Rollout | null {
  return row ? { percent: row.percent, halted: row.halted === 1, updatedAt: iso(row.updated_at) } : null;
}

function toRelease(r: ReleaseRow, files: FileRow[], rollouts: RolloutRow[]): Release {
  return {
    version: r.version,
    channel: r.channel,
    notes: r.notes,
    releaseDate: r.release_date,
    files: files.map((f) => ({ name: f.name, feed: f.feed, kind: f.kind, size: f.size, sha512: f.sha512, blockMapSize: f.block_map_size, uploadedAt: iso(f.uploaded_at) })),
    rollouts: {
      stable: toRollout(rollouts.find((o) => o.channel === 'stable')),
      beta: toRollout(rollouts.find((o) => o.channel === 'beta'))!,
    },
  };
}

function toAssignment(row: AssignmentRow): Assignment {
  return {
    scope: row.scope, id: row.target_id, channel: row.channel, pinnedVersion: row.pinned_version,
    allowDowngrade: row.allow_downgrade === 1, updatedAt: iso(row.updated_at),
  };
}
