import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../store/database';
import type { CentralClient } from './central-client';

/**
 * Photos and signatures do not travel in pull pages (DESIGN.md, "Data"): an application carries their hashes and
 * the image is fetched from the central server when the application is opened, checked against its hash, and
 * cached. An image that cannot be fetched now is simply not shown yet; opening the application works offline.
 */
export class ImageFetcher {
  private readonly cached: BetterSqlite3.Statement<[string], { hash: string }>;
  private readonly insert: BetterSqlite3.Statement;

  constructor(
    db: Db,
    private readonly client: () => CentralClient | null,
    private readonly now: () => number,
  ) {
    this.cached = db.prepare('SELECT hash FROM image_cache WHERE hash = ?');
    this.insert = db.prepare('INSERT INTO image_cache (hash, mime, data, cached_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING');
  }

  /** Fetches the hashes not in the cache; returns how many were added. Never throws: a miss stays a miss. */
  async ensure(hashes: readonly string[]): Promise<number> {
    const client = this.client();
    if (!client) return 0;
    let added = 0;
    for (const hash of new Set(hashes)) {
      if (!/^[0-9a-f]{64}$/.test(hash) || this.cached.get(hash)) continue;
      try {
        const image = await client.image(hash);
        // The hash is the image's identity: bytes that do not match it are not this application's image.
        if (createHash('sha256').update(image.data).digest('hex') !== hash) continue;
        const mime = sniffImageType(image.data);
        if (!mime) continue;
        added += this.insert.run(hash, mime, image.data, this.now()).changes;
      } catch {
        // Offline or not on the server: the screen shows "not available offline yet".
      }
    }
    return added;
  }
}

/** The type from the bytes, not from a header: only image formats the renderer shows are cached. */
export function sniffImageType(data: Buffer): string | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  const head = data.subarray(0, 256).toString('utf8').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return null;
}
