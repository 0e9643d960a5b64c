import { UpdatePolicySchema, type UpdateChannel, type UpdatePolicy } from '../../../shared/sync/releases';
import type { Logger } from '../log';
import type { SqlRunner } from '../store/sql';
import type { CentralConnection } from '../sync/connection';

const POLICY_KEY = 'update.policy';

/** What the updater uses on a check: IT's decision from the central server over the configuration's default. */
export interface EffectivePolicy {
  channel: UpdateChannel;
  allowDowngrade: boolean;
  pinnedVersion: string | null;
  /** Where the channel comes from: the configuration file, or IT's assignment on the central server. */
  channelFrom: 'config' | 'central';
}

/**
 * IT's channel and pin for this workstation, as the last sync brought them (kept in the store's meta table, so a
 * console started offline still follows them). The configuration file's `channel` stays the default.
 */
export class UpdatePolicyStore {
  constructor(
    private readonly sql: SqlRunner,
    private readonly configChannel: UpdateChannel,
  ) {}

  stored(): UpdatePolicy | null {
    const raw = this.sql.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(POLICY_KEY) as string | undefined;
    if (!raw) return null;
    const parsed = UpdatePolicySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  save(policy: UpdatePolicy): void {
    this.sql.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(POLICY_KEY, JSON.stringify(policy));
  }

  effective(): EffectivePolicy {
    const p = this.stored();
    return {
      channel: p?.channel ?? this.configChannel,
      allowDowngrade: p?.allowDowngrade ?? false,
      pinnedVersion: p?.pinnedVersion ?? null,
      channelFrom: p?.channel ? 'central' : 'config',
    };
  }
}

/**
 * Fetches the policy at the end of each successful sync. Best effort, like the fleet report: a server without the
 * route or a failed request keeps the last policy and never fails the sync.
 */
export class UpdatePolicySync {
  constructor(
    private readonly store: UpdatePolicyStore,
    private readonly log: Logger,
    private readonly onChanged: () => void = () => {},
  ) {}

  async refresh(conn: CentralConnection): Promise<void> {
    try {
      const policy = UpdatePolicySchema.parse(await conn.client.updatePolicy(conn.centerId));
      const before = JSON.stringify(this.store.stored());
      this.store.save(policy);
      if (before !== JSON.stringify(policy)) {
        this.log.info({ event: 'update.policy_changed', channel: policy.channel, pinnedVersion: policy.pinnedVersion, allowDowngrade: policy.allowDowngrade, source: policy.source }, 'update policy from the central server');
        this.onChanged();
      }
    } catch (err) {
      this.log.warn({ event: 'update.policy_failed', code: (err as { code?: unknown }).code ?? 'unknown' }, 'update policy not fetched');
    }
  }
}
