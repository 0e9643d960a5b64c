import { z } from 'zod';
import { SyncErrorSchema } from '../../shared/sync/push';
import {
  CenterAnswerSchema,
  CenterListSchema,
  CenterOperatorParamsSchema,
  CenterPutSchema,
  OperatorAnswerSchema,
  OperatorChangeSchema,
  OperatorCreateSchema,
  OperatorIssuedSchema,
  OperatorListQuerySchema,
  OperatorListSchema,
  OperatorPasswordResetSchema,
} from '../../shared/sync/operators';
import { CenterParamsSchema } from '../../shared/sync/central-api';
import { defineRoute, type RouteSpec } from '../http/route';
import type { CenterService } from '../operators/center-service';
import type { OperatorService } from '../operators/operator-service';

const errors = { 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema, 422: SyncErrorSchema };

const OperatorEventsSchema = z.object({
  events: z.array(z.object({ kind: z.string(), actor: z.string(), opId: z.string().nullable(), details: z.record(z.string(), z.unknown()), at: z.string() })),
});

/**
 * IT's management of the operators of every center (admin token). Changes reach the center's workstations with their
 * next pull (reference data). The one-time password is in the answer that issued it and nowhere else.
 */
export function operatorRoutes(operators: OperatorService, centers: CenterService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/admin/centers', tag: 'operators', auth: 'admin',
      summary: 'The service centers on this server.',
      responses: { 200: CenterListSchema, 401: SyncErrorSchema },
      handler: async () => ({ json: { centers: await centers.list() } }),
    }),
    defineRoute({
      method: 'PUT', url: '/v1/admin/centers/:center', tag: 'operators', auth: 'admin',
      summary: 'Adds a service center (201), or sets its name and address (200); every workstation gets it with the reference data. 422 invalid_center_id / invalid_center.',
      params: CenterParamsSchema,
      body: CenterPutSchema,
      responses: { 200: CenterAnswerSchema, 201: CenterAnswerSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 422: SyncErrorSchema },
      handler: async ({ params, body }) => {
        const answer = await centers.put(params.center, body);
        return { status: answer.created ? 201 : 200, json: answer };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/operators', tag: 'operators', auth: 'admin',
      summary: 'The operators of every center, or of one (?center=), without password hashes.',
      query: OperatorListQuerySchema,
      responses: { 200: OperatorListSchema, 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ query }) => ({ json: { operators: await operators.list(query.center) } }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/centers/:center/operators', tag: 'operators', auth: 'admin',
      summary: "Adds an operator to a center with a one-time password (generated, or IT's own when it meets the policy), shown only in this answer; the operator must change it at the first sign-in. 409 duplicate_login, 422 invalid_login / invalid_display_name / invalid_role / weak_password.",
      params: CenterParamsSchema,
      body: OperatorCreateSchema,
      responses: { 201: OperatorIssuedSchema, ...errors, 409: SyncErrorSchema },
      handler: async ({ params, body }) => ({ status: 201, json: await operators.add(params.center, body) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/centers/:center/operators/:login', tag: 'operators', auth: 'admin',
      summary: 'One operator of a center, by login.',
      params: CenterOperatorParamsSchema,
      responses: { 200: OperatorAnswerSchema, ...errors },
      handler: async ({ params }) => ({ json: { operator: await operators.get(params.center, params.login) } }),
    }),
    defineRoute({
      method: 'PUT', url: '/v1/admin/centers/:center/operators/:login', tag: 'operators', auth: 'admin',
      summary: "Disables or re-enables an operator and/or sets their role. A disabled operator cannot sign in at the center's workstations after their next pull, and an open session of theirs ends; their past decisions keep their name.",
      params: CenterOperatorParamsSchema,
      body: OperatorChangeSchema,
      responses: { 200: OperatorAnswerSchema, ...errors },
      handler: async ({ params, body }) => ({ json: { operator: await operators.change(params.center, params.login, body) } }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/centers/:center/operators/:login/reset-password', tag: 'operators', auth: 'admin',
      summary: "Issues a new one-time password (generated, or IT's own), shown only in this answer; the old password stops working at each workstation with its next pull, and the operator must change the new one at the first sign-in.",
      params: CenterOperatorParamsSchema,
      body: OperatorPasswordResetSchema,
      responses: { 200: OperatorIssuedSchema, ...errors },
      handler: async ({ params, body }) => ({ json: await operators.resetPassword(params.center, params.login, body.password) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/centers/:center/operators/:login/events', tag: 'operators', auth: 'admin',
      summary: "The operator's trail: added, disabled, enabled, role changed, password reset by IT, password changed at a workstation (which one, by which op). Ids and codes only.",
      params: CenterOperatorParamsSchema,
      responses: { 200: OperatorEventsSchema, ...errors },
      handler: async ({ params }) => ({ json: { events: await operators.events(params.center, params.login) } }),
    }),
  ];
}
