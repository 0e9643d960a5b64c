import { z } from 'zod';
import { CenterParamsSchema } from '../../shared/sync/central-api';
import { SyncErrorSchema } from '../../shared/sync/push';
import { FleetListSchema, FleetQuerySchema, FleetReportAnswerSchema, FleetReportSchema } from '../../shared/sync/fleet';
import { HttpError } from '../http/errors';
import { defineRoute, type Answer, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';
import { renderFleetPage } from './fleet-page';

/** The fleet view: workstations report after each sync; IT lists them as JSON or on a plain HTML page. */
export function fleetRoutes(s: Services): RouteSpec[] {
  const fleet = s.fleet;
  return [
    defineRoute({
      method: 'POST', url: '/v1/centers/:center/fleet-report', tag: 'operations', auth: 'workstation', centerScoped: true,
      summary: "A workstation's report at the end of a successful sync: version, channel, OS, free disk, outbox, quarantine, its clock.",
      params: CenterParamsSchema,
      body: FleetReportSchema,
      responses: { 200: FleetReportAnswerSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 403: SyncErrorSchema },
      handler: async ({ params, body, caller }) => {
        if (caller.kind === 'workstation' && caller.ws.id !== body.workstation) {
          throw new HttpError(403, 'workstation_mismatch', 'The report names another workstation than the token.');
        }
        return { json: await fleet.record(params.center, body) };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/fleet', tag: 'admin', auth: 'admin',
      summary: 'Every enrolled workstation with its last report, last successful sync and last error; filters by center, version and staleness.',
      query: FleetQuerySchema,
      responses: { 200: FleetListSchema, 400: SyncErrorSchema, 401: SyncErrorSchema },
      handler: async ({ query }) => ({ json: await fleet.list(query) }),
    }),
    defineRoute({
      method: 'GET', url: '/admin/fleet', tag: 'admin', auth: 'admin_page',
      summary: 'The fleet as a plain HTML page for IT (HTTP Basic, any user name, the admin token as the password).',
      // The page's form sends every field, the empty "all" choice too: an empty value is no filter.
      query: z.preprocess(
        (q) => (q && typeof q === 'object' ? Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '')) : q),
        FleetQuerySchema.extend({ lang: z.enum(['uk', 'en']).optional(), stale: z.literal('1').optional() }),
      ),
      responses: { 200: { contentType: 'text/html', description: 'The fleet table with its filters.' }, 401: SyncErrorSchema },
      handler: async ({ query }): Promise<Answer> => {
        const filters = { center: query.center, version: query.version, staleHours: query.stale === '1' ? 24 : query.staleHours };
        const html = renderFleetPage(await fleet.list(filters), await fleet.choices(), { ...filters, stale: filters.staleHours !== undefined }, query.lang ?? 'uk');
        return {
          raw: html,
          contentType: 'text/html; charset=utf-8',
          headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff' },
        };
      },
    }),
  ];
}
