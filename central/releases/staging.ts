/**
 * electron-updater's staged rollout, as the central server needs to know it. The client keeps a per-installation
 * UUID (`.updaterId` in its user data folder), sends it as `x-user-staging-id` with every feed request, and takes a
 * release only when `uuid bytes 12..15 as a big-endian uint32 / 0xffffffff < stagingPercentage / 100`
 * (AppUpdater.isStagingMatch). The server computes the same figure from the same header, so it can tell which
 * release an installation will take and offer an older fully rolled-out release to those outside a newer one's
 * percentage. tests/updates/staged-rollout.test.ts holds the two side by side over a thousand ids.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The installation's position in [0, 1], or null for a missing or malformed id. */
export function stagingPosition(stagingId: string | undefined): number | null {
  if (!stagingId || !UUID.test(stagingId)) return null;
  const bytes = Buffer.from(stagingId.replace(/-/g, ''), 'hex');
  return bytes.readUInt32BE(12) / 0xffffffff;
}

/** Whether an installation at `position` takes a release rolled out to `percent`. */
export function withinRollout(position: number, percent: number): boolean {
  return position < percent / 100;
}
