import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import Fastify, { type FastifyError } from 'fastify';
import { createAdmin, type CentralAdmin } from './admin';
import { HttpError, errorBody } from './http/errors';
import { registerRoutes, type RouteSpec } from './http/route';
import { enrolRoutes } from './routes/enrol';
import { eventRoutes } from './routes/events';
import { fleetRoutes } from './routes/fleet';
import { openApiRoutes } from './routes/openapi';
import { operatorRoutes } from './routes/operators';
import { pullRoutes } from './routes/pull';
import { pushRoutes } from './routes/push';
import { referenceRoutes } from './routes/reference';
import { releaseRoutes } from './routes/releases';
import { reportRoutes } from './routes/reports';
import { updateFeedRoutes } from './routes/update-feed';
import { ArtifactStore } from './releases/artifact-store';
import { ReleaseService } from './releases/release-service';
import { statusRoutes } from './routes/status';
import { createServices, type Services } from './services/container';
import type { RateLimitOptions } from './services/throttle';
import { TRAINING_ENROLMENT_CODE, seedTraining, trainingEnrolmentCodes } from './services/training-seed';
import { TRAINING_CENTER_IDS } from '../shared/training';
import { isStoreUnavailable } from './store/store-errors';
import { openStore, type CentralStore } from './store/store';

export interface CentralOptions {
  /** The store: a SQLite file, or a postgres:// URL. */
  db: string;
  /** PostgreSQL connections in the pool (10 unless given). */
  poolSize?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Seeds the training world on first start (centers, training operators, applications, the training enrolment code). */
  training?: { seed: number; size: number; now?: number; includeHostile?: boolean };
  now?: () => number;
  log?: boolean;
  faults?: { disableDedupe?: boolean };
  /** The admin bearer token; a random one per start unless given. */
  adminToken?: string;
  /** Per-workstation push throttling (429 with Retry-After); off unless given. */
  rateLimit?: RateLimitOptions;
  /** The update feed's releases folder (`<folder>/<version>/<artifact>`); `releases` beside the store by default. */
  releasesDir?: string;
  /** How long a spent enrolment code enrols the same workstation again after a lost answer; 10 minutes by default. */
  enrolmentRetryWindowMs?: number;
}

export interface CentralServer {
  url: string;
  port: number;
  adminToken: string;
  /** In training mode, the reusable code a training workstation enrols with; null otherwise. */
  trainingEnrolmentCode: string | null;
  /** In training mode, every training center's own reusable enrolment code by center id; null otherwise. */
  trainingEnrolmentCodes: Record<string, string> | null;
  store: CentralStore;
  services: Services;
  admin: CentralAdmin;
  /** Releases, staged rollout and the update feed (over the asynchronous store). */
  releases: ReleaseService;
  /** Every route Fastify registered (HEAD twins left out): the OpenAPI test compares the document with it. */
  routes(): { method: string; url: string }[];
  close(): Promise<void>;
}

/** Default body limit; push allows 1 MB and intake 8 MB on their own routes. */
const BODY_LIMIT = 256 * 1024;

/** Starts the reference central server on loopback over its store (SQLite or PostgreSQL). */
export async function startCentral(options: CentralOptions): Promise<CentralServer> {
  const now = options.now ?? (() => Date.now());
  const store = await openStore(options.db, { poolSize: options.poolSize });
  try {
    const services = createServices(store, now, { disableDedupe: options.faults?.disableDedupe === true, failPushes: 0 }, {
      rateLimit: options.rateLimit,
      enrolmentRetryWindowMs: options.enrolmentRetryWindowMs,
    });
    // The update feed's releases: files in a folder (beside a SQLite store by default), their rows in the store.
    const releasesDir = options.releasesDir ?? (store.kind === 'sqlite' ? join(dirname(options.db), 'releases') : resolve('releases'));
    const releases = new ReleaseService(store, new ArtifactStore(releasesDir), now);
    await releases.importFolder();
    if (options.training) {
      const t = options.training;
      await seedTraining(services, { seed: t.seed, size: t.size, now: t.now ?? now(), includeHostile: t.includeHostile });
    }
    const adminToken = options.adminToken ?? `adm_${randomBytes(24).toString('base64url')}`;
    const app = Fastify({
      bodyLimit: BODY_LIMIT,
      // electron-updater's differential download asks for up to 1,000 byte ranges in one Range header.
      http: { maxHeaderSize: 64 * 1024 },
      forceCloseConnections: true,
      return503OnClosing: true,
      logger: options.log
        ? { level: 'info', serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }) } }
        : false,
    });
    // Release uploads arrive as raw bytes and are streamed to disk (the artifact store counts and limits them).
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    const registered: { method: string; url: string }[] = [];
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push({ method, url: route.url });
    });
    app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
      const { status, code, message, headers } = describeError(err);
      if (status >= 500) request.log.error({ err }, 'request failed');
      reply.code(status).headers(headers).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(code, message)));
    });
    app.setNotFoundHandler((_request, reply) => {
      reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify(errorBody('not_found', 'There is no such endpoint on the central server.')));
    });

    const routes: RouteSpec[] = [];
    routes.push(
      ...enrolRoutes(services),
      ...pullRoutes(services),
      ...pushRoutes(services),
      ...referenceRoutes(services),
      ...eventRoutes(services),
      ...fleetRoutes(services),
      ...operatorRoutes(services.operators, services.centers),
      ...reportRoutes(services.reports),
      ...releaseRoutes(releases),
      ...updateFeedRoutes(releases),
      ...statusRoutes(services, options.training !== undefined),
      ...openApiRoutes(() => routes),
    );
    registerRoutes(app, routes, { adminToken, workstations: services.workstations, throttle: services.throttle });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    let closed = false;
    const port = (app.server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      adminToken,
      trainingEnrolmentCode: options.training ? TRAINING_ENROLMENT_CODE : null,
      trainingEnrolmentCodes: options.training ? trainingEnrolmentCodes(TRAINING_CENTER_IDS) : null,
      store,
      services,
      admin: createAdmin(services),
      releases,
      routes: () => [...registered],
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Whole-request errors as {error: {code, message}}: ours as raised, Fastify's parser errors mapped to stable codes. */
function describeError(err: FastifyError | HttpError): { status: number; code: string; message: string; headers: Record<string, string> } {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  // The one place a store that cannot be reached becomes an answer: nothing was applied, the client retries.
  if (isStoreUnavailable(err)) {
    return { status: 503, code: 'unavailable', message: 'The central server cannot reach its database just now; nothing was applied. Try again shortly.', headers: { 'Retry-After': '5' } };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'The request body is too large (a push carries at most 1 MB).', headers: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'Send the body as application/json.', headers: {} };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'The request body is empty; send a JSON object.', headers: {} };
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = status === 400 ? (/json/i.test(err.message) ? 'invalid_json' : 'invalid_request') : 'invalid_request';
    return { status, code, message: status === 400 ? 'The request body is not valid JSON.' : err.message.slice(0, 300), headers: {} };
  }
  return { status: 500, code: 'internal', message: 'The central server failed on this request; it was not applied. Try again later.', headers: {} };
}

/** Logs never carry personal data: the citizen's status look-up path holds an application number and a birth date. */
function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/v1/status/') ? '/v1/status/:number' : path;
}
