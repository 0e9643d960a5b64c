import semver from 'semver';
import type { UpdateChannel } from '../../shared/sync/releases';
import { stagingPosition, withinRollout } from './staging';

/** A release as the feed chooser sees it: its version and its rollout on the channel being served. */
export interface FeedCandidate {
  version: string;
  percent: number;
  halted: boolean;
}

export interface FeedRequest {
  /** The channel the workstation is on: IT's assignment, else the channel its configuration asked for. */
  channel: UpdateChannel;
  /** IT's pin for this workstation or its center: exactly this version, whatever the rollout. */
  pinnedVersion: string | null;
  /** IT asked that this workstation may go to a lower version (with the pin or the channel switch). */
  allowDowngrade: boolean;
  /** x-user-staging-id; null when the client sent none (not electron-updater). */
  stagingId: string | null;
  /** IT's "check now": the rollout percentage does not apply (a halted or 0 % release still never does). */
  manual: boolean;
  /** The running version (x-console-version); null when unknown. */
  currentVersion: string | null;
}

/**
 * What the feed file offers one installation:
 * - `release`: this version, with `stagingPercentage` when it is below 100 (electron-updater checks it again with
 *   the same id and formula, so the two always agree);
 * - `current`: nothing to take: the file names the running version, which electron-updater reads as "no update";
 * - `none`: the channel has nothing for this platform and the running version is unknown (404 `no_release`).
 */
export type FeedChoice =
  | { kind: 'release'; version: string; stagingPercentage: number | null }
  | { kind: 'current'; version: string }
  | { kind: 'none' };

/**
 * Chooses the release for one feed request. `candidates` are the channel's releases that have an installer for the
 * requested platform (a stable release is on both channels, a beta release on beta only).
 *
 * - A pin wins: exactly that version, never a staging percentage.
 * - Otherwise only releases rolled out above 0 % and not halted are offered, newest first. An automatic check takes
 *   the newest one whose rollout includes this installation; one outside a newer release's percentage gets the
 *   newest older release it is inside of, so a second release in flight never strands the rest on an old version.
 * - A manual check takes the newest offered release whatever its percentage.
 * - Never lower than the running version unless IT allowed a downgrade.
 */
export function chooseFeed(req: FeedRequest, candidates: readonly FeedCandidate[]): FeedChoice {
  const nothing = (): FeedChoice => (req.currentVersion ? { kind: 'current', version: req.currentVersion } : { kind: 'none' });
  const acceptable = (version: string) =>
    req.allowDowngrade || !req.currentVersion || !semver.valid(req.currentVersion) || !semver.lt(version, req.currentVersion);

  if (req.pinnedVersion) {
    const pinned = candidates.find((c) => c.version === req.pinnedVersion);
    return pinned && acceptable(pinned.version) ? { kind: 'release', version: pinned.version, stagingPercentage: null } : nothing();
  }
  const offered = candidates.filter((c) => c.percent > 0 && !c.halted).sort((a, b) => semver.rcompare(a.version, b.version));
  if (offered.length === 0) return nothing();
  const position = stagingPosition(req.stagingId ?? undefined);
  const pick =
    req.manual || position === null
      ? offered[0]!
      : (offered.find((c) => c.percent >= 100 || withinRollout(position, c.percent)) ?? offered[0]!);
  if (!acceptable(pick.version)) return nothing();
  return { kind: 'release', version: pick.version, stagingPercentage: req.manual || pick.percent >= 100 ? null : pick.percent };
}
