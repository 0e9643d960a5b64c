import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A download that survives a cut link: when the connection drops halfway (an air alarm, a power cut at the switch),
 * it asks for the rest with `Range: bytes=<received>-` and `If-Range`, and appends. The sha512 covers the whole
 * file across every resume; a mismatch fails with electron-updater's own code (ERR_CHECKSUM_MISMATCH), so the
 * updater discards the file and never installs it. electron/main/updater.ts plugs this into electron-updater's
 * HTTP executor in place of its one-shot download.
 */

/** A response as Electron's net module and Node's http both give it. */
export interface TransportResponse {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'aborted', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

export interface TransportRequest {
  on(event: 'error', fn: (err: Error) => void): unknown;
  abort(): void;
  end(): void;
}

/** Makes one GET request (electron-updater's executor `createRequest`, which keeps its session and proxy settings). */
export type RequestFactory = (options: RequestOptions, onResponse: (res: TransportResponse) => void) => TransportRequest;

export interface RequestOptions {
  protocol: string;
  hostname: string;
  port?: string;
  path: string;
  method: 'GET';
  headers: Record<string, string>;
  /** Electron's net follows no redirect by itself when asked not to; the feed has none. */
  redirect?: 'manual';
}

export interface ProgressInfo {
  total: number;
  delta: number;
  transferred: number;
  percent: number;
  bytesPerSecond: number;
}

export interface ResumableDownloadOptions {
  url: URL;
  destination: string;
  headers?: Record<string, string>;
  /** Base64 (or hex) sha512 from the feed; the file is refused when it differs. */
  sha512?: string | null;
  request: RequestFactory;
  cancelled(): boolean;
  onCancel(fn: () => void): void;
  /** Raised when cancelled (the adapter passes electron-updater's CancellationError). */
  cancelledError(): Error;
  onProgress?: (p: ProgressInfo) => void;
  /** Resumes allowed in a row without progress; the count starts again whenever bytes arrive. */
  maxStalledResumes?: number;
  /** The wait before a resume (grows with each attempt without progress); tests pass 0. */
  pauseMs?: (attempt: number) => number;
  now?: () => number;
}

export class DownloadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

interface AttemptResult {
  /** The body ended with every byte the server announced. */
  complete: boolean;
}

const header = (res: TransportResponse, name: string): string | null => {
  const v = res.headers[name];
  return Array.isArray(v) ? (v[v.length - 1] ?? null) : (v ?? null);
};

export async function resumableDownload(o: ResumableDownloadOptions): Promise<string> {
  const file = await open(o.destination, 'w');
  const now = o.now ?? (() => Date.now());
  const started = now();
  let hash = createHash('sha512');
  let received = 0;
  let total: number | null = null;
  let etag: string | null = null;
  let stalled = 0;
  try {
    for (;;) {
      if (o.cancelled()) throw o.cancelledError();
      const before = received;
      let result: AttemptResult;
      try {
        result = await attempt();
      } catch (err) {
        if (o.cancelled()) throw o.cancelledError();
        if (err instanceof DownloadError) throw err;
        result = { complete: false };
      }
      if (result.complete) break;
      stalled = received > before ? 0 : stalled + 1;
      if (stalled > (o.maxStalledResumes ?? 5)) {
        throw new DownloadError('ERR_DOWNLOAD_CUT', `The download was cut at ${received} of ${total ?? '?'} bytes and could not be resumed.`);
      }
      const pause = (o.pauseMs ?? ((n) => Math.min(30_000, 1000 * 2 ** n)))(stalled);
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
    await file.sync();
  } finally {
    await file.close();
  }
  if (o.sha512) {
    const expected = o.sha512;
    const hex = expected.length === 128 && /^[0-9a-f]+$/i.test(expected);
    const actual = hash.digest(hex ? 'hex' : 'base64');
    if (actual !== expected) {
      throw new DownloadError('ERR_CHECKSUM_MISMATCH', `sha512 checksum mismatch, expected ${expected}, got ${actual}`);
    }
  }
  return o.destination;

  /** One request: the whole file, or the rest of it from `received`. */
  function attempt(): Promise<AttemptResult> {
    const headers: Record<string, string> = { ...o.headers };
    if (received > 0) {
      headers.Range = `bytes=${received}-`;
      if (etag) headers['If-Range'] = etag;
    }
    const url = o.url;
    return new Promise<AttemptResult>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      const req = o.request(
        { protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: url.port } : {}), path: url.pathname + url.search, method: 'GET', headers, redirect: 'manual' },
        (res) => void onResponse(res).then((r) => settle(() => resolve(r)), (e: unknown) => settle(() => reject(e))),
      );
      req.on('error', (err) => settle(() => reject(err)));
      o.onCancel(() => req.abort());
      req.end();
    });
  }

  async function onResponse(res: TransportResponse): Promise<AttemptResult> {
    const status = res.statusCode ?? 0;
    if (status === 416 && total !== null && received === total) return { complete: true };
    if (status >= 400) {
      res.resume();
      const code = status >= 500 ? 'ERR_DOWNLOAD_SERVER' : 'ERR_DOWNLOAD_REFUSED';
      if (status >= 500) throw new Error(`HTTP ${status}`);
      throw new DownloadError(code, `The update server refused the download (HTTP ${status}).`);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header(res, 'content-range') ?? '');
    if (status === 206 && range && Number(range[1]) === received) {
      total = Number(range[3]);
    } else {
      // The whole file (the server ignored the range, or the file changed under If-Range): start again.
      await restart();
      const length = header(res, 'content-length');
      total = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    }
    etag = header(res, 'etag') ?? etag;
    return pump(res);
  }

  async function restart(): Promise<void> {
    if (received === 0) return;
    await file.truncate(0);
    hash = createHash('sha512');
    received = 0;
  }

  function pump(res: TransportResponse): Promise<AttemptResult> {
    return new Promise<AttemptResult>((resolve, reject) => {
      let writing: Promise<unknown> = Promise.resolve();
      let failed = false;
      const fail = (err: Error) => {
        failed = true;
        reject(err);
      };
      res.on('data', (chunk: Buffer) => {
        res.pause();
        writing = writing
          .then(() => write(file, chunk, received))
          .then(() => {
            hash.update(chunk);
            received += chunk.length;
            o.onProgress?.({
              total: total ?? received,
              delta: chunk.length,
              transferred: received,
              percent: total ? (received / total) * 100 : 0,
              bytesPerSecond: Math.round(received / Math.max(0.001, (now() - started) / 1000)),
            });
            res.resume();
          }, fail);
      });
      const finish = () =>
        void writing.then(() => {
          if (!failed) resolve({ complete: total === null || received >= total });
        });
      res.on('end', finish);
      res.on('aborted', () => void writing.then(() => reject(new Error('the connection was cut'))));
      res.on('error', (err) => void writing.then(() => reject(err)));
    });
  }
}

async function write(file: FileHandle, chunk: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await file.write(chunk, done, chunk.length - done, position + done);
    done += bytesWritten;
  }
}
