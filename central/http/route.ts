import { timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssue } from '../../shared/sync/push-versions';
import type { PushThrottle } from '../services/throttle';
import type { WorkstationIdentity, WorkstationService } from '../services/workstations';
import { HttpError } from './errors';

/** `admin_page`: a page for a person's browser, HTTP Basic with the admin token as the password (any user name). */
export type AuthKind = 'none' | 'workstation' | 'admin' | 'workstation_or_admin' | 'admin_page';
export type Caller = { kind: 'none' } | { kind: 'admin' } | { kind: 'workstation'; ws: WorkstationIdentity };

/** A response's documented shape: a zod schema for JSON, or a content type for bytes. */
export type ResponseSpec = z.ZodType | { contentType: string; description: string };

/** What a handler answers: JSON (validated against the route's schema for the status), bytes/text as they are, or a stream (update artifacts). */
export type Answer =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string | Buffer; contentType: string; headers?: Record<string, string> }
  | { status?: number; stream: Readable; contentType: string; headers?: Record<string, string> };

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller;
  request: FastifyRequest;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  tag: string;
  summary: string;
  auth: AuthKind;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** The body schema; `unvalidatedBody` documents it but hands the handler the parsed JSON (push reads op by op). */
  body?: z.ZodType<B>;
  unvalidatedBody?: boolean;
  /** A raw body (an upload): the handler gets the request stream, documented with this content type. */
  rawBody?: { contentType: string; description: string };
  bodyLimit?: number;
  /** The `center` path parameter must be the token's center (403 otherwise). */
  centerScoped?: boolean;
  /** Counted against the workstation's token bucket (429 with Retry-After when empty). */
  rateLimited?: boolean;
  responses: Record<number, ResponseSpec>;
  handler(ctx: RouteContext<P, Q, B>): Answer | Promise<Answer>;
}

/** Keeps the generic types of a route definition while collecting it into an untyped list. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export interface RouteDeps {
  adminToken: string;
  workstations: WorkstationService;
  throttle: PushThrottle | null;
}

/** Registers routes with one pipeline: authenticate, validate params, check the center, validate query and body, answer. */
export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[], deps: RouteDeps): void {
  const adminBuf = Buffer.from(deps.adminToken);
  const isAdmin = (token: string) => {
    const given = Buffer.from(token);
    return given.length === adminBuf.length && timingSafeEqual(given, adminBuf);
  };

  const authenticate = async (request: FastifyRequest, kind: AuthKind): Promise<Caller> => {
    if (kind === 'none') return { kind: 'none' };
    const header = request.headers.authorization ?? '';
    if (kind === 'admin_page') {
      const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(header)?.[1];
      const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
      if (password && isAdmin(password)) return { kind: 'admin' };
      throw new HttpError(401, 'unauthorized', 'This page needs the admin token as the password.', { 'WWW-Authenticate': 'Basic realm="central-admin", charset="UTF-8"' });
    }
    const token = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header)?.[1];
    if (token && kind !== 'workstation' && isAdmin(token)) return { kind: 'admin' };
    if (token && kind !== 'admin') {
      const ws = await deps.workstations.authenticate(token);
      if (ws) return { kind: 'workstation', ws };
    }
    throw new HttpError(401, 'unauthorized', token ? 'The token is unknown, replaced or revoked; enrol the workstation again.' : 'This request needs a bearer token.', {
      'WWW-Authenticate': 'Bearer',
    });
  };

  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const caller = await authenticate(request, spec.auth);
        const params = parse(spec.params, request.params, 'path');
        if (spec.centerScoped && caller.kind === 'workstation' && caller.ws.centerId !== (params as { center?: string }).center) {
          throw new HttpError(403, 'wrong_center', 'This workstation is enrolled at another service center.');
        }
        if (spec.rateLimited && deps.throttle && caller.kind === 'workstation') {
          const taken = await deps.throttle.take(caller.ws.id);
          if (!taken.ok) {
            throw new HttpError(429, 'too_many_requests', 'This workstation syncs too often; wait before trying again.', { 'Retry-After': String(taken.retryAfterSeconds) });
          }
        }
        const streamed = typeof (request.body as { pipe?: unknown } | undefined)?.pipe === 'function';
        if (streamed !== (spec.rawBody !== undefined)) {
          throw new HttpError(415, 'unsupported_media_type', `Send the body as ${spec.rawBody?.contentType ?? 'application/json'}.`);
        }
        const query = parse(spec.query, request.query, 'query');
        const body = spec.unvalidatedBody || spec.rawBody ? request.body : parse(spec.body, request.body ?? {}, 'body');
        const answer = await spec.handler({ params, query, body, caller, request });
        const status = answer.status ?? 200;
        reply.code(status).header('Cache-Control', 'no-store');
        for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v);
        if ('raw' in answer) return reply.type(answer.contentType).send(answer.raw);
        if ('stream' in answer) return reply.type(answer.contentType).send(answer.stream);
        const schema = spec.responses[status];
        const json = schema instanceof z.ZodType ? schema.parse(answer.json) : answer.json;
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
      },
    });
  }
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid_request', `The request ${where} is not valid: ${describeIssue(r.error)}`);
  return r.data;
}
