import { request } from 'node:http';
import type { SyncStatus } from '../../shared/api/sync';
import type { UpdateStatus } from '../../shared/api/updates';

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** An open event stream of the browser host and what it received so far. */
export interface OpenEventStream {
  /** The session events, as `auth.changed:operator:locked`. */
  events: string[];
  /** The statuses the host announced on it (a stream starts with each as it is at the opening). */
  sync: SyncStatus[];
  updates: UpdateStatus[];
  close(): void;
}

/** Plain HTTP to a browser host on 127.0.0.1:`port` with its token: requests, calls and event streams, as a page makes them. */
export function hostRequests(port: number, token: string) {
  function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    return new Promise((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        },
      );
      req.on('error', fail);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  const call = (method: string, input: unknown, headers: Record<string, string> = {}, session: string | null = null) =>
    send(`/api/${method}`, {
      headers: { 'x-console-token': token, 'content-type': 'application/json', ...(session ? { 'x-console-session': session } : {}), ...headers },
      body: JSON.stringify(input),
    });

  function openStream(session: string | null): Promise<OpenEventStream> {
    return new Promise((ok, fail) => {
      const stream: OpenEventStream = { events: [], sync: [], updates: [], close: () => req.destroy() };
      const headers = { host: `127.0.0.1:${port}`, 'x-console-token': token, ...(session ? { 'x-console-session': session } : {}) };
      const req = request({ host: '127.0.0.1', port, path: '/api/events', method: 'GET', headers }, (res) => {
        let buffer = '';
        res.on('data', (c: Buffer) => {
          buffer += c.toString('utf8');
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (!data) continue;
            const { name, payload } = JSON.parse(data.slice(6)) as { name: string; payload: { operator?: { id: string } | null; locked?: boolean } };
            if (name === 'auth.changed') stream.events.push(`${name}:${payload.operator?.id ?? 'none'}:${payload.locked}`);
            if (name === 'sync.changed') stream.sync.push(payload as SyncStatus);
            if (name === 'updates.changed') stream.updates.push(payload as UpdateStatus);
          }
        });
        ok(stream);
      });
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : fail(err)));
      req.end();
    });
  }

  return { send, call, openStream };
}
