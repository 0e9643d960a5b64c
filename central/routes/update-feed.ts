import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CenterParamsSchema } from '../../shared/sync/central-api';
import { SyncErrorSchema } from '../../shared/sync/push';
import { ReleaseFileParamsSchema, UPDATE_HEADERS, UpdatePolicySchema } from '../../shared/sync/releases';
import { HttpError } from '../http/errors';
import { parseRange, rangedFile } from '../http/ranges';
import { defineRoute, type Caller, type RouteSpec } from '../http/route';
import { parseChannelFile } from '../releases/feed-file';
import type { FeedCaller, ReleaseService } from '../releases/release-service';

const errors = { 400: SyncErrorSchema, 401: SyncErrorSchema, 404: SyncErrorSchema };

/**
 * electron-updater's generic feed at `/v1/updates/`: the channel files, decided per workstation (its token says who
 * it is; its channel, pin and rollout position decide what it is offered), and the artifacts with byte ranges.
 */
export function updateFeedRoutes(releases: ReleaseService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/v1/updates/:file', tag: 'updates', auth: 'workstation_or_admin',
      summary: "A channel file (latest.yml, latest-linux.yml, beta.yml, beta-linux.yml, …-linux-arm64.yml) as this workstation sees it: IT's channel and pin, the staged rollout for its x-user-staging-id, never lower than x-console-version unless IT allowed it; x-update-check: manual ignores the percentage.",
      params: z.object({ file: z.string().min(1).max(64) }),
      responses: { 200: { contentType: 'text/yaml', description: "electron-updater's update info" }, ...errors },
      handler: async ({ params, caller, request }) => {
        const requested = parseChannelFile(params.file);
        if (!requested) throw new HttpError(404, 'not_found', 'The update feed has latest*.yml and beta*.yml for Windows and Linux only.');
        const answer = await releases.feed(requested, feedCaller(caller, request));
        if (answer.status === 404) throw new HttpError(404, answer.code, answer.message);
        return { raw: answer.yaml, contentType: 'text/yaml; charset=utf-8', headers: { 'X-Release-Version': answer.version } };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/updates/files/:version/:name', tag: 'updates', auth: 'workstation_or_admin',
      summary: 'A registered artifact of a release, with byte ranges (one range to resume, many as multipart/byteranges for differential downloads). Only files the server registered, only from the releases folder.',
      params: ReleaseFileParamsSchema,
      responses: {
        200: { contentType: 'application/octet-stream', description: 'The whole file' },
        206: { contentType: 'application/octet-stream', description: 'One range, or multipart/byteranges' },
        416: SyncErrorSchema,
        ...errors,
      },
      handler: async ({ params, request }) => {
        const file = await releases.artifact(params.version, params.name);
        if (!file) throw new HttpError(404, 'not_found', `Release ${params.version} has no file ${params.name}.`);
        if (file.size !== file.recordedSize) {
          throw new HttpError(500, 'artifact_changed', 'The stored file no longer matches its record; IT must upload the release again.');
        }
        const etag = `"${params.version}-${file.recordedSize}"`;
        // If-Range: a resume of another file than the one now stored gets the whole file, never a splice.
        const ifRange = request.headers['if-range'];
        const ranges = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, file.size);
        if (ranges === 'unsatisfiable') {
          throw new HttpError(416, 'range_not_satisfiable', 'The requested range lies outside the file.', { 'Content-Range': `bytes */${file.size}` });
        }
        const answer = rangedFile(file.path, file.size, ranges, 'application/octet-stream');
        return { status: answer.status, stream: answer.body, contentType: answer.contentType, headers: { ...answer.headers, ETag: etag } };
      },
    }),
    defineRoute({
      method: 'GET', url: '/v1/centers/:center/update-policy', tag: 'updates', auth: 'workstation', centerScoped: true,
      summary: "This workstation's update channel and pin as IT set them (its own assignment, else its center's); fetched with each sync.",
      params: CenterParamsSchema,
      responses: { 200: UpdatePolicySchema, ...errors, 403: SyncErrorSchema },
      handler: async ({ caller }) => {
        if (caller.kind !== 'workstation') throw new HttpError(403, 'forbidden', 'Only a workstation has an update policy.');
        return { json: await releases.policyFor({ id: caller.ws.id, centerId: caller.ws.centerId }) };
      },
    }),
  ];
}

function feedCaller(caller: Caller, request: FastifyRequest): FeedCaller {
  const header = (name: string) => {
    const v = request.headers[name];
    return typeof v === 'string' && v.length <= 100 ? v : null;
  };
  return {
    workstation: caller.kind === 'workstation' ? { id: caller.ws.id, centerId: caller.ws.centerId } : null,
    stagingId: header(UPDATE_HEADERS.stagingId),
    manual: header(UPDATE_HEADERS.check) === 'manual',
    currentVersion: header(UPDATE_HEADERS.version),
  };
}
