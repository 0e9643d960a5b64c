import type { Readable } from 'node:stream';
import { z } from 'zod';
import { SyncErrorSchema } from '../../shared/sync/push';
import {
  AssignmentChangeSchema,
  AssignmentListSchema,
  AssignmentParamsSchema,
  AssignmentSchema,
  ReleaseListSchema,
  ReleaseParamsSchema,
  ReleaseSchema,
  ReleaseUploadQuerySchema,
  RolloutChangeSchema,
} from '../../shared/sync/releases';
import { defineRoute, type RouteSpec } from '../http/route';
import type { ReleaseService } from '../releases/release-service';

const errors = { 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema, 409: SyncErrorSchema };

const ImportResultSchema = z.object({
  registered: z.array(z.object({ version: z.string(), name: z.string() })),
  refused: z.array(z.object({ version: z.string(), name: z.string(), code: z.string() })),
});

/** IT's release management: upload, list, roll out, halt, and channel assignments and pins (admin token). */
export function releaseRoutes(releases: ReleaseService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/admin/releases', tag: 'releases', auth: 'admin',
      summary: 'Every release, newest first, with its files (size and the sha512 this server computed) and its rollout per channel.',
      responses: { 200: ReleaseListSchema, 401: SyncErrorSchema },
      handler: async () => ({ json: { releases: await releases.list() } }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/releases', tag: 'releases', auth: 'admin',
      summary: 'Uploads one artifact of a release (installer, AppImage, deb or a .blockmap) as the raw body; the release is made on its first file and offered to nobody until rolled out.',
      query: ReleaseUploadQuerySchema,
      rawBody: { contentType: 'application/octet-stream', description: 'The artifact, byte for byte. The server computes its sha512.' },
      responses: { 201: ReleaseSchema, ...errors, 413: SyncErrorSchema, 415: SyncErrorSchema, 422: SyncErrorSchema },
      handler: async ({ query, body }) => ({ status: 201, json: await releases.upload(query, body as Readable) }),
    }),
    defineRoute({
      method: 'POST', url: '/v1/admin/releases/import', tag: 'releases', auth: 'admin',
      summary: 'Registers the artifacts copied into the releases folder (<folder>/<version>/<file>) that are not registered yet, with sha512 computed here.',
      responses: { 200: ImportResultSchema, 401: SyncErrorSchema },
      handler: async () => ({ json: await releases.importFolder() }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/releases/:version', tag: 'releases', auth: 'admin',
      summary: 'One release with its files and rollouts.',
      params: ReleaseParamsSchema,
      responses: { 200: ReleaseSchema, ...errors },
      handler: async ({ params }) => ({ json: await releases.get(params.version) }),
    }),
    defineRoute({
      method: 'PUT', url: '/v1/admin/releases/:version', tag: 'releases', auth: 'admin',
      summary: 'Sets the staged rollout of a release on a channel (0 to 100 %), or halts and resumes it; 0 or halted stops it for everyone who does not have it yet.',
      params: ReleaseParamsSchema,
      body: RolloutChangeSchema,
      responses: { 200: ReleaseSchema, ...errors },
      handler: async ({ params, body }) => ({ json: await releases.changeRollout(params.version, body) }),
    }),
    defineRoute({
      method: 'GET', url: '/v1/admin/update-assignments', tag: 'releases', auth: 'admin',
      summary: 'Channel assignments and version pins of centers and workstations.',
      responses: { 200: AssignmentListSchema, 401: SyncErrorSchema },
      handler: async () => ({ json: { assignments: await releases.assignments() } }),
    }),
    defineRoute({
      method: 'PUT', url: '/v1/admin/update-assignments/:scope/:id', tag: 'releases', auth: 'admin',
      summary: "Puts a center or a workstation on a channel and/or pins it to a version (null clears); it reaches the workstation with its next sync. A downgrade happens only with allowDowngrade.",
      params: AssignmentParamsSchema,
      body: AssignmentChangeSchema,
      responses: { 200: AssignmentSchema, ...errors },
      handler: async ({ params, body }) => ({ json: await releases.assign(params.scope, params.id, body) }),
    }),
  ];
}
