import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { sessionKey, type Core } from '../core';
import { dispatch } from '../core/api/dispatch';
import type { EventName, MethodName } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface BrowserHostOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a random one per start otherwise. */
  token?: string;
}

export interface BrowserHost {
  server: Server;
  port: number;
  token: string;
  /** The address to open, with the token in it. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const eventLine = (name: string, payload: unknown) => `data: ${JSON.stringify({ name, payload })}\n\n`;

/** The statuses the core announces as events and answers as requests: a new event stream starts with each as it is now. */
const CURRENT_ON_OPEN = [
  ['sync.changed', 'sync.status'],
  ['updates.changed', 'updates.status'],
] as const satisfies readonly (readonly [EventName, MethodName])[];

/** The header a page sends its session credential in (the one `auth.signIn` gave it), on calls and the event stream. */
export const SESSION_HEADER = 'x-console-session';

/**
 * The core served to a browser over loopback: 127.0.0.1 only, a random token on every API request, and the
 * Host header checked, so another web page (DNS rebinding included) cannot drive it. The token only admits a page
 * to the console; who is signed in is the page's own session credential, so a new browser or tab starts signed out
 * and each page acts as its own operator.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticRoot = resolve(options.staticDir);
  const { core } = options;
  /** Open event streams, each with the key of the session its page named (null before signing in). */
  const streams = new Map<ServerResponse, string | null>();
  let port = 0;

  const hostAllowed = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const tokenOk = (req: IncomingMessage) => {
    const given = Buffer.from(String(req.headers['x-console-token'] ?? ''));
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  };

  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!hostAllowed(req.headers.host)) return sendJson(res, 403, error('forbidden', 'This address is not served here.'));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      const origin = req.headers.origin;
      if (origin !== undefined && !hostAllowed(origin.replace(/^http:\/\//, ''))) {
        return sendJson(res, 403, error('forbidden', 'Requests from other sites are refused.'));
      }
      if (!tokenOk(req)) return sendJson(res, 401, error('unauthorized', 'The session token is missing or wrong; open the address the console printed.'));
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res, sessionOf(req));
      if (req.method !== 'POST') return sendJson(res, 405, error('invalid_input', 'Use POST for API calls.'));
      return void handleCall(url.pathname.slice('/api/'.length), req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, error('invalid_input', 'Method not allowed.'));
    serveStatic(url.pathname, res);
  });

  async function handleCall(method: string, req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      const text = await readBody(req);
      body = text.length ? JSON.parse(text) : {};
    } catch (err) {
      const tooLarge = (err as Error).message === 'too_large';
      return sendJson(res, tooLarge ? 413 : 400, error('invalid_input', tooLarge ? 'The request is too large.' : 'The request body is not valid JSON.'));
    }
    const result = await dispatch(core.facade, decodeURIComponent(method), body, core.log, { session: sessionOf(req) });
    sendJson(res, 200, result);
  }

  function openEventStream(res: ServerResponse, session: string | null) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.set(res, session ? sessionKey(session) : null);
    res.on('close', () => streams.delete(res));
    // What the core announced before this stream opened never reaches it (a page loading, signing in or reconnecting
    // mid-cycle or mid-download would keep showing a phase that has ended): the stream starts with each announced
    // status as it is now. The page keeps whichever of two statuses is the newer announcement (shared/api/announced.ts),
    // so one of these may arrive after a later event.
    for (const [event, read] of CURRENT_ON_OPEN) {
      void Promise.resolve(core.facade[read]({})).then(
        (status) => streams.has(res) && res.write(eventLine(event, status)),
        (err: unknown) => core.log.warn({ err: String(err).slice(0, 200), event }, 'status for a new event stream failed'),
      );
    }
  }

  // Events for one session (its lock, its end) reach only the pages holding it; the rest reach every page.
  const unsubscribe = core.onEvent((name, payload, audience) => {
    const line = eventLine(name, payload);
    for (const [s, key] of streams) if (!audience || audience.sessionKey === key) s.write(line);
  });

  function serveStatic(pathname: string, res: ServerResponse) {
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    } catch {
      return sendJson(res, 400, error('invalid_input', 'Bad path.'));
    }
    let file = resolve(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return sendJson(res, 403, error('forbidden', 'Outside the console.'));
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Unknown paths get the app; missing assets get a 404.
      if (extname(rel)) return sendJson(res, 404, error('not_found', 'Not found.'));
      file = join(staticRoot, 'index.html');
      if (!existsSync(file)) return sendJson(res, 500, error('internal', 'The console is not built: run `npm run build` first.'));
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?t=${token}`,
    async close() {
      unsubscribe();
      for (const s of streams.keys()) s.end();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function sessionOf(req: IncomingMessage): string | null {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Reads a body up to MAX_BODY; past it, drains (up to a hard cap) so the 413 answer reaches the client. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * MAX_BODY) req.destroy();
      else if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => (size > MAX_BODY ? fail(new Error('too_large')) : ok(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', fail);
  });
}

function error(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
