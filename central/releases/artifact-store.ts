import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, realpathSync } from 'node:fs';
import { lstat, readFile, readdir, rename, rm, open } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yaml from 'js-yaml';
import { ArtifactNameSchema, VersionSchema } from '../../shared/sync/releases';
import { HttpError } from '../http/errors';
import { artifactFeed } from './feed-file';

/** The largest artifact an upload may carry (an installer is some 100–200 MB). */
export const MAX_ARTIFACT_BYTES = 1024 * 1024 * 1024;

export interface StoredArtifact {
  size: number;
  /** Base64, as electron-updater compares it. */
  sha512: string;
}

/** A file found in the releases folder, with what electron-builder's own channel file said about it (if present). */
export interface FoundArtifact extends StoredArtifact {
  version: string;
  name: string;
  blockMapSize: number | null;
  /** electron-builder's latest*.yml named another sha512: the file is not what was built, and is not registered. */
  builderSha512Mismatch: boolean;
}

/**
 * The releases folder: `<dir>/<version>/<artifact>`. Nothing is ever served from outside it: names are checked
 * against the plain-file-name rules, the resolved path must stay inside the folder (symbolic links included), and
 * only regular files count.
 */
export class ArtifactStore {
  readonly dir: string;
  private readonly realDir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
    this.realDir = realpathSync(this.dir);
  }

  /** The path of an artifact inside the folder, or null when the name could reach outside it. */
  pathOf(version: string, name: string): string | null {
    if (!VersionSchema.safeParse(version).success || !ArtifactNameSchema.safeParse(name).success) return null;
    const path = join(this.dir, version, name);
    return inside(this.dir, path) ? path : null;
  }

  /** The artifact as a regular file inside the folder (a link is refused even when it points inside). */
  async open(version: string, name: string): Promise<{ path: string; size: number } | null> {
    const path = this.pathOf(version, name);
    if (!path) return null;
    const st = await lstat(path).catch(() => null);
    if (!st || !st.isFile()) return null;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return null;
    }
    return inside(this.realDir, real) ? { path, size: st.size } : null;
  }

  /**
   * Streams an upload into the folder, hashing as it goes: written to a temporary name, synced, then renamed, so a
   * cut upload leaves no artifact behind. An artifact already stored under the name must be the same bytes.
   */
  async receive(version: string, name: string, body: Readable, expectedSha512?: string): Promise<StoredArtifact> {
    const path = this.pathOf(version, name);
    if (!path) throw new HttpError(400, 'invalid_request', 'The version or file name is not allowed.');
    mkdirSync(join(this.dir, version), { recursive: true });
    const temp = join(this.dir, version, `.upload-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha512');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > MAX_ARTIFACT_BYTES) return done(new HttpError(413, 'payload_too_large', 'An artifact may be at most 1 GB.'));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }));
      const fh = await open(temp, 'r+');
      await fh.sync();
      await fh.close();
      const stored = { size, sha512: hash.digest('base64') };
      if (expectedSha512 && expectedSha512 !== stored.sha512) {
        throw new HttpError(422, 'sha512_mismatch', `The file arrived with sha512 ${stored.sha512}, not the ${expectedSha512} the upload named; nothing was stored. Upload it again.`);
      }
      const existing = await this.open(version, name);
      if (existing) {
        const before = await this.hash(existing.path);
        if (before.sha512 !== stored.sha512) {
          throw new HttpError(409, 'artifact_exists', `Release ${version} already has a different ${name}; a release's files never change. Publish a new version instead.`);
        }
      }
      await rename(temp, path);
      return stored;
    } catch (err) {
      await rm(temp, { force: true });
      if (err instanceof HttpError) throw err;
      if ((err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        throw new HttpError(400, 'upload_incomplete', 'The upload was cut before the whole file arrived; nothing was stored. Upload it again.');
      }
      throw err;
    }
  }

  async hash(path: string): Promise<StoredArtifact> {
    const hash = createHash('sha512');
    let size = 0;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
    }
    return { size, sha512: hash.digest('base64') };
  }

  /**
   * Every artifact in the folder not in `known` (`version/name`), with the server's own sha512 (what
   * electron-builder's yml says is only compared).
   */
  async scan(known: ReadonlySet<string> = new Set()): Promise<FoundArtifact[]> {
    const found: FoundArtifact[] = [];
    for (const version of await readdir(this.dir).catch(() => [] as string[])) {
      if (!VersionSchema.safeParse(version).success) continue;
      const versionDir = join(this.dir, version);
      if (!(await lstat(versionDir)).isDirectory()) continue;
      const builder = await readBuilderFeeds(versionDir);
      for (const name of (await readdir(versionDir)).sort()) {
        if (!artifactFeed(name) || known.has(`${version}/${name}`)) continue;
        const file = await this.open(version, name);
        if (!file) continue;
        const stored = await this.hash(file.path);
        const told = builder.get(name);
        found.push({
          version, name, ...stored,
          blockMapSize: told?.blockMapSize ?? null,
          builderSha512Mismatch: told?.sha512 !== undefined && told.sha512 !== stored.sha512,
        });
      }
    }
    return found;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** electron-builder's latest*.yml / beta*.yml beside the artifacts: block map sizes and the checksums it computed. */
async function readBuilderFeeds(dir: string): Promise<Map<string, { sha512?: string; blockMapSize?: number }>> {
  const out = new Map<string, { sha512?: string; blockMapSize?: number }>();
  for (const name of await readdir(dir)) {
    if (!/^(latest|beta|alpha)(-linux(-arm64)?)?\.yml$/.test(name)) continue;
    let doc: unknown;
    try {
      doc = yaml.load(await readFile(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    const files = (doc as { files?: unknown }).files;
    if (!Array.isArray(files)) continue;
    for (const f of files as { url?: unknown; sha512?: unknown; blockMapSize?: unknown }[]) {
      if (typeof f.url !== 'string') continue;
      out.set(f.url, {
        sha512: typeof f.sha512 === 'string' ? f.sha512 : undefined,
        blockMapSize: typeof f.blockMapSize === 'number' ? f.blockMapSize : undefined,
      });
    }
  }
  return out;
}
