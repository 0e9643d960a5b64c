import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault proxy on loopback between a workstation and the central server (DESIGN.md section 4). Each request
 * takes the next planned fault that matches it, or passes. The faults are what a power cut or a bad link does:
 *
 * - `drop_after_commit`: forward, let the server answer (so it committed), then cut the connection without a reply;
 * - `reset`: cut the connection before the server sees anything;
 * - `reset_while_committing`: forward, and cut the client's connection at once while the server carries on;
 * - `hold`: forward, keep the server's answer and never reply (the workstation's timeout fires);
 * - `status`: answer a status of our own (5xx, 429 with Retry-After) without forwarding;
 * - `forward_then`: forward, then run `fn` at once (a test kills the server there: SIGKILL mid-batch);
 * - `cut_body`: forward, pass the server's status, headers and the first `after` bytes of its body, then cut the
 *   connection (a download that dies halfway);
 * - `pause_body`: forward, pass the server's status, headers and the first `after` bytes of its body, then the rest
 *   once `until` resolves (a download a test holds halfway);
 * - `down` (a switch, not a fault): refuse every connection, as a dead link does.
 */
export type Fault =
  | { kind: 'drop_after_commit' }
  | { kind: 'reset' }
  | { kind: 'reset_while_committing' }
  | { kind: 'hold' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'forward_then'; fn: () => void }
  | { kind: 'cut_body'; after: number }
  | { kind: 'pause_body'; after: number; until: Promise<void> };

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
  fault: Fault['kind'] | 'pass';
  /** The server's status, when the server was reached and answered. */
  upstreamStatus: number | null;
  /** The server's Retry-After header, when it sent one. */
  upstreamRetryAfter: string | null;
}

interface Plan {
  fault: Fault;
  match: (req: { method: string; path: string; body: string }) => boolean;
  times: number;
}

export class FaultProxy {
  readonly log: ProxiedRequest[] = [];
  private plans: Plan[] = [];
  private sockets = new Set<Socket>();
  private waiters: { n: number; resolve: () => void }[] = [];
  private upstreamDone: Promise<void>[] = [];
  down = false;

  private constructor(
    private readonly server: Server,
    private target: URL,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, new URL(target));
    server.on('connection', (socket) => {
      if (proxy.down) return void socket.destroy();
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('request', (req, res) => void proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Points the proxy at another server (a restarted child on a new port). */
  retarget(target: string): void {
    this.target = new URL(target);
  }

  /** Plans a fault for the next `times` requests that match (by default every request). */
  plan(fault: Fault, options: { match?: Plan['match']; times?: number } = {}): void {
    this.plans.push({ fault, match: options.match ?? (() => true), times: options.times ?? 1 });
  }

  clearPlans(): void {
    this.plans = [];
  }

  /** Cuts every open connection (the link drops) and refuses new ones until `heal()`. */
  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  heal(): void {
    this.down = false;
  }

  /** Resolves once `n` requests in all have been seen. */
  seen(n: number): Promise<void> {
    if (this.log.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  /** Waits until every forwarded request has had its answer from the server (a held or cut one included). */
  async upstreamSettled(): Promise<void> {
    await Promise.all(this.upstreamDone);
  }

  pushes(): ProxiedRequest[] {
    return this.log.filter((r) => r.path.endsWith('/push'));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(req: { method: string; path: string; body: string }): Fault | null {
    const plan = this.plans.find((p) => p.times > 0 && p.match(req));
    if (!plan) return null;
    plan.times--;
    this.plans = this.plans.filter((p) => p.times > 0);
    return plan.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const entry: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8'), fault: 'pass', upstreamStatus: null, upstreamRetryAfter: null };
    const fault = this.takeFault(entry);
    entry.fault = fault?.kind ?? 'pass';
    this.log.push(entry);
    for (const w of this.waiters.filter((w) => this.log.length >= w.n)) w.resolve();
    this.waiters = this.waiters.filter((w) => this.log.length < w.n);

    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? JSON.stringify({ error: { code: 'injected', message: `injected ${fault.status}` } }));
      return;
    }
    const upstream = this.forward(req, body, fault?.kind === 'forward_then' ? fault.fn : undefined);
    this.upstreamDone.push(upstream.then(() => undefined, () => undefined));
    if (fault?.kind === 'reset_while_committing') return void req.socket.destroy();
    let answer: { status: number; headers: IncomingMessage['headers']; body: Buffer };
    try {
      answer = await upstream;
    } catch {
      return void req.socket.destroy();
    }
    entry.upstreamStatus = answer.status;
    entry.upstreamRetryAfter = [answer.headers['retry-after']].flat()[0] ?? null;
    if (fault?.kind === 'drop_after_commit') return void req.socket.destroy();
    if (fault?.kind === 'hold') return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    if (fault?.kind === 'cut_body') {
      res.write(answer.body.subarray(0, fault.after), () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'pause_body') {
      res.write(answer.body.subarray(0, fault.after));
      await fault.until;
      res.end(answer.body.subarray(fault.after));
      return;
    }
    res.end(answer.body);
  }

  private forward(req: IncomingMessage, body: Buffer, onSent?: () => void): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: this.target.host, 'content-length': String(body.length) };
      delete headers.connection;
      const out = httpRequest(
        { host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers, agent: false },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
          answer.on('error', reject);
        },
      );
      out.on('error', reject);
      // `forward_then` runs once the whole request is handed to the OS: the server has the batch when it is killed.
      if (onSent) out.on('finish', onSent);
      out.end(body);
    });
  }
}
