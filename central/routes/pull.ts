import { PullPageSchema } from '../../shared/sync/pull';
import { SyncErrorSchema } from '../../shared/sync/push';
import { CenterParamsSchema, PULL_DEFAULT_LIMIT, PullQuerySchema } from '../../shared/sync/central-api';
import { defineRoute, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';

/** The changes feed (see services/changes.ts for the cursor, the reset answer and how `received` appears). */
export function pullRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/centers/:center/changes', tag: 'sync', auth: 'workstation', centerScoped: true,
      summary: 'A page of the center\'s changed applications after the cursor; 409 {error: {code: "reset"}} asks for a resync from scratch.',
      params: CenterParamsSchema,
      query: PullQuerySchema,
      responses: { 200: PullPageSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 403: SyncErrorSchema, 409: SyncErrorSchema },
      handler: async ({ params, query }) => {
        // Records were validated when they were written; the page is joined from their stored JSON, not re-encoded,
        // and a long page is streamed as it is read (services/feed-page.ts).
        const { body } = await s.changes.page(params.center, query.cursor, query.limit ?? PULL_DEFAULT_LIMIT);
        const contentType = 'application/json; charset=utf-8';
        return Buffer.isBuffer(body) ? { raw: body, contentType } : { stream: body, contentType };
      },
    }),
  ];
}
