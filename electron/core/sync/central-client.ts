import { AppError, type ErrorCode } from '../../../shared/api/errors';
import type { SyncScheduler } from './scheduler';

/** How a request to the central server failed; the engine decides from this whether to retry, shrink or record. */
export type CentralFailure =
  | { kind: 'network'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'http'; status: number; code: string | null; message: string; retryAfterMs: number | null };

export class CentralError extends Error {
  constructor(readonly failure: CentralFailure) {
    super(describe(failure));
    this.name = 'CentralError';
  }

  /** The answer is about the whole request, not the ops in it: the link or the server, never our data. */
  get offline(): boolean {
    return this.failure.kind !== 'http';
  }

  get status(): number | null {
    return this.failure.kind === 'http' ? this.failure.status : null;
  }

  /** The reset answer of the changes feed: resync from scratch, keeping the outbox. */
  get isReset(): boolean {
    return this.failure.kind === 'http' && this.failure.status === 409 && this.failure.code === 'reset';
  }

  toAppError(): AppError {
    return new AppError(errorCodeOf(this.failure), this.message);
  }
}

function errorCodeOf(f: CentralFailure): ErrorCode {
  if (f.kind !== 'http') return 'central_unreachable';
  if (f.status === 429) return 'central_throttled';
  if (f.status === 401 || f.status === 403) return 'central_unauthorized';
  if (f.status === 409) return 'central_version_mismatch';
  if (f.status >= 500) return 'central_unavailable';
  return 'invalid_central_answer';
}

function describe(f: CentralFailure): string {
  switch (f.kind) {
    case 'network':
      return `The central server cannot be reached (${f.detail}). Work goes on offline; it syncs when the link is back.`;
    case 'timeout':
      return 'The central server did not answer in time. Work goes on offline; it syncs when the link is back.';
    case 'http':
      if (f.status === 429) return 'The central server asked the workstation to wait before syncing again.';
      if (f.status === 401) return 'The central server does not accept this workstation\'s token. Ask IT to enrol the workstation again.';
      if (f.status === 403) return 'The central server refuses this workstation for this center. Ask IT to check the configuration.';
      if (f.status >= 500) return `The central server has a fault (HTTP ${f.status}). The workstation will try again.`;
      return `The central server refused the request (HTTP ${f.status}${f.code ? `, ${f.code}` : ''}): ${f.message.slice(0, 300)}`;
  }
}

export interface CentralClientOptions {
  baseUrl: string;
  scheduler: SyncScheduler;
  /** The workstation's token; read on every request so a rotation takes effect at once. */
  token: () => string | null;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The HTTP side of sync. Answers are returned unparsed (`unknown`): the caller validates them with the wire schemas. */
export class CentralClient {
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: CentralClientOptions) {}

  /** Cancels every request in flight (the core is closing). */
  abortAll(): void {
    this.closing = true;
    for (const c of this.inFlight) c.abort();
  }

  private closing = false;

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  enrol(body: { code: string; workstationId: string; centerId: string }): Promise<unknown> {
    return this.json('POST', '/v1/enrol', body, false);
  }

  rotateToken(): Promise<unknown> {
    return this.json('POST', '/v1/token/rotate', {});
  }

  changes(centerId: string, cursor: string | null, limit: number): Promise<unknown> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    return this.json('GET', `/v1/centers/${encodeURIComponent(centerId)}/changes?${q}`);
  }

  push(centerId: string, body: string): Promise<unknown> {
    return this.json('POST', `/v1/centers/${encodeURIComponent(centerId)}/push`, body);
  }

  fleetReport(centerId: string, report: unknown): Promise<unknown> {
    return this.json('POST', `/v1/centers/${encodeURIComponent(centerId)}/fleet-report`, report);
  }

  updatePolicy(centerId: string): Promise<unknown> {
    return this.json('GET', `/v1/centers/${encodeURIComponent(centerId)}/update-policy`);
  }

  reference(centerId: string): Promise<unknown> {
    return this.json('GET', `/v1/centers/${encodeURIComponent(centerId)}/reference`);
  }

  async image(hash: string): Promise<{ mime: string; data: Buffer }> {
    const res = await this.request('GET', `/v1/images/${encodeURIComponent(hash)}`, undefined, true);
    return { mime: (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(), data: Buffer.from(res.body) };
  }

  private async json(method: 'GET' | 'POST', path: string, body?: unknown, auth = true): Promise<unknown> {
    const res = await this.request(method, path, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), auth);
    try {
      return JSON.parse(Buffer.from(res.body).toString('utf8')) as unknown;
    } catch {
      // A cut or garbled body after a 200: the same as no answer, so the op is retried (and deduplicated).
      throw new CentralError({ kind: 'network', detail: 'the answer was not complete JSON' });
    }
  }

  /**
   * One request, tried a second time at once when the connection failed before any answer: after a link drop the
   * first request often lands on a kept-alive socket that is already dead. Safe for pushes too: the server's
   * receipts answer a repeated op `duplicate`.
   */
  private async request(method: string, path: string, body: string | undefined, auth: boolean) {
    try {
      return await this.requestOnce(method, path, body, auth);
    } catch (err) {
      if (!(err instanceof CentralError) || err.failure.kind !== 'network' || this.closing) throw err;
      return this.requestOnce(method, path, body, auth);
    }
  }

  private async requestOnce(method: string, path: string, body: string | undefined, auth: boolean) {
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timedOut = false;
    const cancel = this.options.scheduler.after(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const token = auth ? this.options.token() : null;
      if (token) headers.authorization = `Bearer ${token}`;
      let res: Response;
      let bytes: ArrayBuffer;
      try {
        res = await fetch(new URL(path, this.options.baseUrl), { method, headers, body, signal: controller.signal });
        bytes = await res.arrayBuffer();
      } catch (err) {
        if (timedOut) throw new CentralError({ kind: 'timeout' });
        throw new CentralError({ kind: 'network', detail: networkDetail(err) });
      }
      if (!res.ok) throw new CentralError(httpFailure(res, bytes, this.options.scheduler.now()));
      return { headers: res.headers, body: bytes };
    } finally {
      cancel();
      this.inFlight.delete(controller);
    }
  }
}

function httpFailure(res: Response, bytes: ArrayBuffer, now: number): CentralFailure {
  let code: string | null = null;
  let message = res.statusText;
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string') code = parsed.error.code.slice(0, 64);
    if (typeof parsed.error?.message === 'string') message = parsed.error.message.slice(0, 500);
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return { kind: 'http', status: res.status, code, message, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now) };
}

/** Retry-After in seconds or as an HTTP date; anything else is ignored. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value.trim()), 24 * 3600) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  return (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))).slice(0, 120);
}
