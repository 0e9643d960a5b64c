import { SyncErrorSchema } from '../../shared/sync/push';
import { EnrolRequestSchema, EnrolResponseSchema } from '../../shared/sync/reference';
import { EnrolmentCodeRequestSchema, EnrolmentCodeSchema, RevokeResponseSchema, WorkstationParamsSchema } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import { defineRoute, type Caller, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';

/** Enrolment, token rotation and revocation, and enrolment codes. */
export function enrolRoutes(s: Services): RouteSpec[] {
  const rotate = (wsId: string | null) => async (ctx: { caller: Caller }) => {
    if (ctx.caller.kind !== 'workstation') throw new HttpError(401, 'unauthorized', 'Rotating a token needs the current workstation token.');
    if (wsId !== null && wsId !== ctx.caller.ws.id) throw new HttpError(403, 'wrong_workstation', 'A workstation can rotate only its own token.');
    return { json: await s.workstations.rotate(ctx.caller.ws) };
  };
  return [
    defineRoute({
      method: 'POST', url: '/v1/enrol', tag: 'workstations', auth: 'none',
      summary: 'Enrols a workstation with a one-time code; answers its token (shown once, stored hashed).',
      body: EnrolRequestSchema,
      responses: { 200: EnrolResponseSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 403: SyncErrorSchema, 409: SyncErrorSchema },
      handler: async ({ body }) => ({ json: await s.workstations.enrol(body) }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/workstations/:id/rotate', tag: 'workstations', auth: 'workstation',
      summary: 'Replaces the calling workstation\'s token with a new one; the old token stops working at once.',
      params: WorkstationParamsSchema,
      responses: { 200: EnrolResponseSchema, 401: SyncErrorSchema, 403: SyncErrorSchema },
      handler: (ctx) => rotate(ctx.params.id)(ctx),
    }),
    defineRoute({
      method: 'POST', url: '/v1/token/rotate', tag: 'workstations', auth: 'workstation',
      summary: 'The same as /v1/workstations/{id}/rotate for the calling workstation (the path the console uses).',
      responses: { 200: EnrolResponseSchema, 401: SyncErrorSchema },
      handler: (ctx) => rotate(null)(ctx),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/workstations/:id/revoke', tag: 'admin', auth: 'admin',
      summary: 'Revokes a workstation\'s token; it answers 401 until IT enrols it again with a new code.',
      params: WorkstationParamsSchema,
      responses: { 200: RevokeResponseSchema, 401: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ params }) => {
        if (!(await s.workstations.revoke(params.id))) throw new HttpError(404, 'unknown_workstation', 'No workstation with this id is enrolled.');
        return { json: { workstationId: params.id, revoked: true } };
      },
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/enrolment-codes', tag: 'admin', auth: 'admin',
      summary: 'Issues a one-time enrolment code for a service center (valid a day unless told).',
      body: EnrolmentCodeRequestSchema,
      responses: { 201: EnrolmentCodeSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ body }) => ({ status: 201, json: await s.store.write((tx) => s.workstations.issueCode(tx, body.centerId, { ttlSeconds: body.ttlSeconds })) }),
    }),
  ];
}
