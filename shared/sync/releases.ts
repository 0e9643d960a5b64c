import { z } from 'zod';

/**
 * The update channel's wire contract (central/README.md, "Releases"): releases and their artifacts, the staged
 * rollout per channel, IT's channel assignments and version pins, and the update policy a workstation receives with
 * its sync. The feed itself (latest*.yml, beta*.yml and the artifacts) is electron-updater's generic provider format.
 */

export const UpdateChannelSchema = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannelSchema>;

/** Semantic versions as electron-updater reads them: 1.2.3, 1.2.3-beta.4; no leading "v", no path characters. */
export const VersionSchema = z
  .string()
  .max(64)
  .regex(/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/, 'expected a version such as 1.2.3 or 1.2.3-beta.1');

/** An artifact's file name as electron-builder writes it: letters, digits, dot, dash, underscore, plus; no path. */
export const ArtifactNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/, 'expected a plain file name (letters, digits, . _ + -)')
  .refine((n) => !n.includes('..'), 'a file name must not contain ".."');

export const ReleaseFileSchema = z.object({
  name: z.string(),
  /** Which feed file lists it: latest.yml (windows), latest-linux.yml (linux), latest-linux-arm64.yml. */
  feed: z.enum(['windows', 'linux', 'linux-arm64']),
  kind: z.enum(['installer', 'blockmap']),
  size: z.number().int(),
  /** Base64, computed by the central server from the stored file. */
  sha512: z.string(),
  blockMapSize: z.number().int().nullable(),
  uploadedAt: z.string(),
});

export const RolloutSchema = z.object({
  percent: z.number().int().min(0).max(100),
  halted: z.boolean(),
  updatedAt: z.string(),
});
export type Rollout = z.infer<typeof RolloutSchema>;

export const ReleaseSchema = z.object({
  version: z.string(),
  /** A stable release is offered on both channels, a beta release on beta only (electron-builder's scheme). */
  channel: UpdateChannelSchema,
  notes: z.string(),
  releaseDate: z.string(),
  files: z.array(ReleaseFileSchema),
  rollouts: z.object({ stable: RolloutSchema.nullable(), beta: RolloutSchema }),
});
export type Release = z.infer<typeof ReleaseSchema>;

export const ReleaseListSchema = z.object({ releases: z.array(ReleaseSchema) });

export const ReleaseParamsSchema = z.object({ version: VersionSchema });
export const ReleaseFileParamsSchema = z.object({ version: VersionSchema, name: ArtifactNameSchema });

/** `POST /v1/admin/releases?…` with the artifact as the raw body (application/octet-stream). */
export const ReleaseUploadQuerySchema = z.object({
  version: VersionSchema,
  name: ArtifactNameSchema,
  /** For the first file of a new release; by default beta for a prerelease version (0.3.0-beta.1), stable otherwise. */
  channel: UpdateChannelSchema.optional(),
  /** What the uploader computed; a different sha512 on arrival refuses the upload (the server's own is what counts). */
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected a base64 sha512').optional(),
  /** The embedded block map's size of an AppImage, from electron-builder's latest-linux.yml (differential downloads). */
  blockMapSize: z.coerce.number().int().min(1).max(1e9).optional(),
  notes: z.string().max(4000).optional(),
});
export type ReleaseUploadQuery = z.infer<typeof ReleaseUploadQuerySchema>;

/** `PUT /v1/admin/releases/{version}`: the rollout on one channel (the release's own by default). */
export const RolloutChangeSchema = z
  .object({
    channel: UpdateChannelSchema.optional(),
    percent: z.number().int().min(0).max(100).optional(),
    /** true stops the release for everyone who does not have it yet, keeping the percentage; false resumes. */
    halted: z.boolean().optional(),
  })
  .refine((c) => c.percent !== undefined || c.halted !== undefined, 'give percent, halted or both');
export type RolloutChange = z.infer<typeof RolloutChangeSchema>;

export const AssignmentScopeSchema = z.enum(['center', 'workstation']);
export type AssignmentScope = z.infer<typeof AssignmentScopeSchema>;
export const AssignmentParamsSchema = z.object({ scope: AssignmentScopeSchema, id: z.string().min(1).max(64) });

/** `PUT /v1/admin/update-assignments/{scope}/{id}`: a channel, a pinned version, or both; null clears one. */
export const AssignmentChangeSchema = z.object({
  channel: UpdateChannelSchema.nullable(),
  pinnedVersion: VersionSchema.nullable(),
  /** IT asks explicitly that a workstation may go to a lower version (a pin below it, or beta to stable). */
  allowDowngrade: z.boolean().default(false),
});
export type AssignmentChange = z.infer<typeof AssignmentChangeSchema>;

export const AssignmentSchema = z.object({
  scope: AssignmentScopeSchema,
  id: z.string(),
  channel: UpdateChannelSchema.nullable(),
  pinnedVersion: z.string().nullable(),
  allowDowngrade: z.boolean(),
  updatedAt: z.string(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;
export const AssignmentListSchema = z.object({ assignments: z.array(AssignmentSchema) });

/**
 * `GET /v1/centers/{center}/update-policy` (the workstation's token), fetched with each sync: what the central server
 * decided for this workstation. `channel` null means the configuration file's channel stays.
 */
export const UpdatePolicySchema = z.object({
  channel: UpdateChannelSchema.nullable(),
  pinnedVersion: z.string().nullable(),
  allowDowngrade: z.boolean(),
  /** Where the decision comes from, for the banner and the logs. */
  source: z.enum(['workstation', 'center', 'none']),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicySchema>;

/** Request headers the console adds to its feed requests (electron-updater adds x-user-staging-id itself). */
export const UPDATE_HEADERS = {
  /** The running version: the server never offers a lower one unless IT asked for a downgrade. */
  version: 'x-console-version',
  /** `manual` for IT's "check now", which ignores the rollout percentage; `auto` otherwise. */
  check: 'x-update-check',
  /** electron-updater's per-installation id (a UUID kept in the user data folder), hashed for staged rollouts. */
  stagingId: 'x-user-staging-id',
} as const;
