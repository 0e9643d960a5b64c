/**
 * electron-updater's differential download (its GenericDifferentialDownloader, as NSIS updates use it) against the
 * central server's artifacts: only the blocks that changed are fetched, many ranges per request answered as
 * multipart/byteranges, and the result is verified by its sha512.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import runtime from 'builder-util-runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import { artifactBytes, sha512, upload } from '../../central/releases/release-testing';
import { seedWorld, type World } from '../../central/test-fixtures';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { tempDir } from '../support/store';
import { ElectronNetStandIn } from './support/electron-stand-ins';

const BLOCK = 4096;
const NAME = 'sc-licence-console-0.2.0-x64.exe';

/** A block map of fixed-size blocks (electron-builder cuts by content; the downloader only compares checksums). */
function blockMap(bytes: Buffer) {
  const checksums: string[] = [];
  const sizes: number[] = [];
  for (let at = 0; at < bytes.length; at += BLOCK) {
    const block = bytes.subarray(at, at + BLOCK);
    checksums.push(createHash('sha256').update(block).digest('base64'));
    sizes.push(block.length);
  }
  return { version: '2' as const, files: [{ name: 'file', offset: 0, checksums, sizes }] };
}

let server: TempCentral;
let world: World;
let dir: string;
beforeEach(async () => {
  server = await startTempCentral();
  world = await seedWorld(server);
  dir = tempDir('sc-differential-');
});
afterEach(async () => {
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('differential download of a new version', () => {
  it('fetches only the changed blocks in multi-range requests and verifies the whole file', async () => {
    const old = artifactBytes('0.1.0', 64 * BLOCK);
    const changed = [3, 4, 17, 40, 41, 42, 63];
    const next = Buffer.from(old);
    for (const b of changed) next.fill(0x41 + b, b * BLOCK, (b + 1) * BLOCK);
    expect((await upload(server, '0.2.0', NAME, next)).status).toBe(201);
    const oldFile = join(dir, 'old.exe');
    writeFileSync(oldFile, old);
    const newFile = join(dir, 'new.exe');
    const net = new ElectronNetStandIn();
    const downloader = new GenericDifferentialDownloader({ sha512: sha512(next), size: next.length } as never, net, {
      newUrl: new URL(`${server.url}/v1/updates/files/0.2.0/${NAME}`),
      oldFile,
      newFile,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      requestHeaders: { authorization: `Bearer ${world.tokens.a}` },
      isUseMultipleRangeRequest: true,
      cancellationToken: new runtime.CancellationToken(),
    });
    await downloader.download(blockMap(old), blockMap(next));
    expect(readFileSync(newFile).equals(next)).toBe(true);
    // Four runs of changed blocks, asked for in one request with four ranges; nothing else was fetched.
    expect(net.requests.map((r) => r.range)).toEqual([`bytes=${3 * BLOCK}-${5 * BLOCK - 1}, ${17 * BLOCK}-${18 * BLOCK - 1}, ${40 * BLOCK}-${43 * BLOCK - 1}, ${63 * BLOCK}-${64 * BLOCK - 1}`]);
  });
});
