import { SyncErrorSchema } from '../../shared/sync/push';
import {
  ApplicationEnvelopeSchema,
  CancelledEventSchema,
  DeliveredEventSchema,
  IntakeApplicationSchema,
  ProducedEventSchema,
  ReleaseClaimResponseSchema,
  ResetCursorsResponseSchema,
  ReturnedEventSchema,
  ApplicationParamsSchema,
} from '../../shared/sync/central-api';
import { defineRoute, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';
import type { CentralEvent } from '../services/events';

const errors = { 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema, 409: SyncErrorSchema };

/** Intake from the cabinet and events from production, Ukrposhta and cancellation: admin-only, standing in for those systems. */
export function eventRoutes(s: Services): RouteSpec[] {
  const event = <K extends CentralEvent['kind']>(kind: K, schema: typeof ProducedEventSchema | typeof DeliveredEventSchema | typeof CancelledEventSchema, summary: string) =>
    defineRoute({
      method: 'POST', url: `/v1/events/${kind}`, tag: 'events', auth: 'admin', summary,
      body: schema,
      responses: { 200: ApplicationEnvelopeSchema, ...errors },
      handler: async ({ body }) => ({ json: { application: (await s.events.apply({ kind, ...body } as CentralEvent)).application } }),
    });
  return [
    defineRoute({
      method: 'POST', url: '/v1/intake/applications', tag: 'events', auth: 'admin',
      summary: 'Files an application as the citizen\'s cabinet would: it enters as submitted, version 1, with optional image bytes.',
      body: IntakeApplicationSchema,
      bodyLimit: 8 * 1024 * 1024,
      responses: { 201: ApplicationEnvelopeSchema, ...errors, 413: SyncErrorSchema },
      handler: async ({ body }) => ({ status: 201, json: { application: await s.intake.intake(body) } }),
    }),
    event('produced', ProducedEventSchema, 'Production made the card: approved -> produced, with the new licence\'s series and number.'),
    event('delivered', DeliveredEventSchema, 'Ukrposhta delivered the parcel: shipped -> delivered.'),
    event('returned', ReturnedEventSchema, 'Ukrposhta returned the parcel: shipped -> returned.'),
    event('cancelled', CancelledEventSchema, 'The citizen or the ministry cancelled the application (with the reason).'),
    defineRoute({
      method: 'POST', url: '/v1/admin/applications/:id/release-claim', tag: 'admin', auth: 'admin',
      summary: 'Releases the claim on an application held by a dead workstation (it goes back to received).',
      params: ApplicationParamsSchema,
      responses: { 200: ReleaseClaimResponseSchema, 401: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ params }) => ({ json: await s.events.releaseClaim(params.id) }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/reset-cursors', tag: 'admin', auth: 'admin',
      summary: 'Starts a new epoch: every workstation\'s next pull is answered with a reset and resyncs from scratch.',
      responses: { 200: ResetCursorsResponseSchema, 401: SyncErrorSchema },
      handler: async () => {
        await s.store.write((tx) => s.meta.renewEpoch(tx));
        return { json: { reset: true } };
      },
    }),
  ];
}
