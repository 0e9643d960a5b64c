import { SyncErrorSchema } from '../../shared/sync/push';
import { CitizenStatusSchema, HealthSchema, StatusParamsSchema, StatusQuerySchema } from '../../shared/sync/central-api';
import { defineRoute, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';

/** The citizen's status look-up ("My services") and the health check: no token. */
export function statusRoutes(s: Services, training: boolean): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/status/:number', tag: 'citizen', auth: 'none',
      summary: 'What "My services" shows for an application number and the applicant\'s date of birth; 404 when either does not match.',
      params: StatusParamsSchema,
      query: StatusQuerySchema,
      responses: { 200: CitizenStatusSchema, 400: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ params, query }) => ({ json: await s.citizen.lookup(params.number, query.birthDate) }),
    }),
    defineRoute({
      method: 'GET', url: '/health', tag: 'operations', auth: 'none',
      summary: 'Liveness: the server answers and its store is readable.',
      responses: { 200: HealthSchema },
      handler: async () => {
        await s.meta.epoch(s.store.db);
        return { json: { status: 'ok', serverTime: new Date(s.now()).toISOString(), training } };
      },
    }),
  ];
}
