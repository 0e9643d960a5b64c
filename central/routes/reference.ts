import { ReferenceDataSchema } from '../../shared/sync/reference';
import { SyncErrorSchema } from '../../shared/sync/push';
import { CenterParamsSchema, ImageParamsSchema } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import { defineRoute, type RouteSpec } from '../http/route';
import type { Services } from '../services/container';

/** Reference data and images: what a workstation fetches besides the changes feed. */
export function referenceRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/centers/:center/reference', tag: 'sync', auth: 'workstation', centerScoped: true,
      summary: 'Reference data: centers, this center\'s operators with password hashes, refusal reasons, calendar, every center\'s force-majeure periods, fees. ETag is the version.',
      params: CenterParamsSchema,
      responses: { 200: ReferenceDataSchema, 304: { contentType: 'none', description: 'Not modified (If-None-Match matched the version).' }, 401: SyncErrorSchema, 403: SyncErrorSchema },
      handler: async ({ params, request }) => {
        const etag = `"${await s.reference.version()}"`;
        if (request.headers['if-none-match'] === etag) return { status: 304, raw: '', contentType: 'application/json', headers: { ETag: etag } };
        return { json: await s.reference.forCenter(params.center), headers: { ETag: etag } };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/images/:hash', tag: 'sync', auth: 'workstation_or_admin',
      summary: 'A photo or signature by its SHA-256 (pull pages carry hashes only).',
      params: ImageParamsSchema,
      responses: { 200: { contentType: 'image/*', description: 'The image bytes.' }, 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema },
      handler: async ({ params }) => {
        const image = await s.images.get(params.hash);
        if (!image) throw new HttpError(404, 'not_found', 'No image with this hash.');
        // Hash-addressed bytes never change; they are personal data, so private caches only.
        return { raw: image.data, contentType: image.mime, headers: { 'Cache-Control': 'private, max-age=31536000, immutable' } };
      },
    }),
  ];
}
