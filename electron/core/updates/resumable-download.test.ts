import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resumableDownload, type RequestFactory } from './resumable-download';

const FILE = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
const SHA512 = createHash('sha512').update(FILE).digest('base64');

/** A plain file server on loopback whose behaviour per request the test chooses (cut, ignore Range, fail). */
type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let url: URL;
let plan: Behaviour[] = [];
const seen: (string | null)[] = [];
let dir: string;

const serveRange: Behaviour = (req, res) => {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (m) {
    const start = Number(m[1]);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${FILE.length - 1}/${FILE.length}`, 'Content-Length': FILE.length - start, ETag: '"v1"' });
    res.end(FILE.subarray(start));
  } else {
    res.writeHead(200, { 'Content-Length': FILE.length, ETag: '"v1"' });
    res.end(FILE);
  }
};
const cutAfter = (n: number): Behaviour => (req, res) => {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = m ? Number(m[1]) : 0;
  res.writeHead(m ? 206 : 200, { 'Content-Length': FILE.length - start, ...(m ? { 'Content-Range': `bytes ${start}-${FILE.length - 1}/${FILE.length}` } : {}), ETag: '"v1"' });
  res.write(FILE.subarray(start, start + n), () => req.socket.end());
};
const ignoreRange: Behaviour = (_req, res) => {
  res.writeHead(200, { 'Content-Length': FILE.length });
  res.end(FILE);
};

beforeEach(async () => {
  plan = [];
  seen.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'sc-resumable-'));
  server = createServer((req, res) => {
    seen.push(req.headers.range ?? null);
    (plan.shift() ?? serveRange)(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/files/0.2.0/a.AppImage`);
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const resumedFrom = () => seen.slice(1).map((r) => Number(/^bytes=(\d+)-$/.exec(r ?? '')?.[1]));
const nodeRequest: RequestFactory = (o, onResponse) => request({ ...o, redirect: undefined, agent: false } as never, onResponse as never);
const download = (over: { sha512?: string } = {}) =>
  resumableDownload({
    url, destination: join(dir, 'out'), sha512: over.sha512 ?? SHA512, request: nodeRequest,
    cancelled: () => false, onCancel: () => {}, cancelledError: () => new Error('cancelled'), pauseMs: () => 0,
  });

describe('resumable download', () => {
  it('continues a cut transfer with a Range request and verifies the whole file', async () => {
    plan = [cutAfter(100_000), cutAfter(50_000)];
    await download();
    expect(readFileSync(join(dir, 'out')).equals(FILE)).toBe(true);
    // Each resume starts where the bytes written so far end (how many of the sent bytes arrived before the cut varies).
    const starts = resumedFrom();
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(100_000);
    expect(starts[1]).toBeGreaterThan(starts[0]!);
    expect(starts[1]).toBeLessThanOrEqual(starts[0]! + 50_000);
  });

  it('starts again from nothing when the server answers a resume with the whole file', async () => {
    plan = [cutAfter(100_000), ignoreRange];
    await download();
    expect(readFileSync(join(dir, 'out')).equals(FILE)).toBe(true);
    expect(seen[0]).toBeNull();
    expect(resumedFrom()).toHaveLength(1);
  });

  it('refuses a file whose sha512 differs, with electron-updater\'s code', async () => {
    await expect(download({ sha512: createHash('sha512').update('other').digest('base64') })).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
  });

  it('gives up after resumes that bring nothing, and on a refusal at once', async () => {
    plan = [cutAfter(10_000), ...Array.from({ length: 10 }, () => cutAfter(0))];
    await expect(download()).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_CUT' });
    seen.length = 0;
    plan = [(_req, res) => void res.writeHead(404).end()];
    await expect(download()).rejects.toMatchObject({ code: 'ERR_DOWNLOAD_REFUSED' });
    expect(seen).toHaveLength(1);
  });
});
