/**
 * electron-updater's generic feed: the channel files (latest.yml, latest-linux.yml, beta.yml, beta-linux.yml,
 * …-linux-arm64.yml) and what they list. Written by the server from its own records; strings are JSON-quoted,
 * which YAML reads as they are.
 */
export type FeedPlatform = 'windows' | 'linux' | 'linux-arm64';

const CHANNEL_FILE = /^(latest|beta)(-linux|-linux-arm64)?\.yml$/;

/** `beta-linux.yml` -> beta channel, linux feed; null for any other name (mac is not a target of this console). */
export function parseChannelFile(name: string): { channel: 'stable' | 'beta'; platform: FeedPlatform } | null {
  const m = CHANNEL_FILE.exec(name);
  if (!m) return null;
  return { channel: m[1] === 'beta' ? 'beta' : 'stable', platform: m[2] === '-linux' ? 'linux' : m[2] === '-linux-arm64' ? 'linux-arm64' : 'windows' };
}

/** Which feed an artifact belongs to, from its name as electron-builder writes it; null for what this feed does not serve. */
export function artifactFeed(name: string): { platform: FeedPlatform; kind: 'installer' | 'blockmap' } | null {
  const blockmap = name.endsWith('.blockmap');
  const base = blockmap ? name.slice(0, -'.blockmap'.length) : name;
  const arm = /(arm64|aarch64)/i.test(base);
  if (/\.exe$/i.test(base)) return { platform: 'windows', kind: blockmap ? 'blockmap' : 'installer' };
  if (/\.(AppImage|deb|rpm)$/.test(base)) return { platform: arm ? 'linux-arm64' : 'linux', kind: blockmap ? 'blockmap' : 'installer' };
  return null;
}

export interface FeedFileEntry {
  name: string;
  sha512: string;
  size: number;
  blockMapSize: number | null;
}

export interface FeedDocument {
  version: string;
  files: FeedFileEntry[];
  releaseDate: string;
  releaseNotes?: string;
  stagingPercentage: number | null;
  /** NSIS per-machine installs need elevation (electron-builder.yml: nsis.perMachine). */
  adminRights: boolean;
}

/** The relative URL of an artifact from the feed's base (`/v1/updates/`); the version in the path lets
 * electron-updater find the old release's block map for a differential download. */
export function artifactUrl(version: string, name: string): string {
  return `files/${encodeURIComponent(version)}/${encodeURIComponent(name)}`;
}

const q = (s: string) => JSON.stringify(s);

export function renderFeedYaml(doc: FeedDocument): string {
  const lines = [`version: ${q(doc.version)}`];
  if (doc.files.length === 0) {
    lines.push('files: []');
  } else {
    lines.push('files:');
    for (const f of doc.files) {
      lines.push(`  - url: ${q(artifactUrl(doc.version, f.name))}`, `    sha512: ${q(f.sha512)}`, `    size: ${f.size}`);
      if (f.blockMapSize !== null) lines.push(`    blockMapSize: ${f.blockMapSize}`);
      if (doc.adminRights) lines.push('    isAdminRightsRequired: true');
    }
    const main = doc.files[0]!;
    lines.push(`path: ${q(artifactUrl(doc.version, main.name))}`, `sha512: ${q(main.sha512)}`);
  }
  lines.push(`releaseDate: ${q(doc.releaseDate)}`);
  if (doc.releaseNotes) lines.push(`releaseNotes: ${q(doc.releaseNotes)}`);
  if (doc.stagingPercentage !== null) lines.push(`stagingPercentage: ${doc.stagingPercentage}`);
  return `${lines.join('\n')}\n`;
}
