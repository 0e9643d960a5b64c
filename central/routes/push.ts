import { MAX_PUSH_BYTES, PushRequestSchema, PushResponseSchema, SyncErrorSchema } from '../../shared/sync/push';
import { CenterParamsSchema } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import { defineRoute, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';

/** Push: ops applied in seq order with a receipt each (services/push.ts). */
export function pushRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST', url: '/v1/centers/:center/push', tag: 'sync', auth: 'workstation', centerScoped: true, rateLimited: true,
      summary: 'Applies a batch of outbox ops (at most 500 or 1 MB) and answers a result per op: applied, duplicate, conflict or rejected.',
      params: CenterParamsSchema,
      body: PushRequestSchema,
      unvalidatedBody: true,
      bodyLimit: MAX_PUSH_BYTES,
      responses: {
        200: PushResponseSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 403: SyncErrorSchema, 409: SyncErrorSchema,
        413: SyncErrorSchema, 429: SyncErrorSchema, 503: SyncErrorSchema,
      },
      handler: async ({ params, body, caller }) => {
        if (caller.kind !== 'workstation') throw new HttpError(401, 'unauthorized', 'Pushes need a workstation token.');
        if (s.faults.failPushes > 0) {
          s.faults.failPushes--;
          throw new HttpError(503, 'unavailable', 'The central server is unavailable (injected fault); try again later.', { 'Retry-After': '1' });
        }
        return { json: await s.push.push(params.center, caller.ws, body) };
      },
    }),
  ];
}
