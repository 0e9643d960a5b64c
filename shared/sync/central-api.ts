import { z } from 'zod';
import { ApplicationRecordSchema } from '../domain/application';
import { CITIZEN_STATUS } from '../domain/status';

/**
 * The rest of the central server's wire contract (push.ts, pull.ts and reference.ts hold the sync part): the
 * changes-feed query, workstation administration, intake, production and delivery events, and the citizen's status
 * look-up. Unknown fields in request bodies are tolerated and dropped everywhere.
 */

/** `GET /v1/centers/{center}/changes`: an empty `cursor` (or none) starts from the beginning. */
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 5000;
const emptyAsMissing = (v: unknown) => (v === '' ? undefined : v);
export const PullQuerySchema = z.object({
  cursor: z.preprocess(emptyAsMissing, z.string().max(200).optional()),
  limit: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).optional()),
});

export const CenterParamsSchema = z.object({ center: z.string().min(1).max(32) });
export const WorkstationParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const ApplicationParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const ImageParamsSchema = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case SHA-256 hex digest') });

export const EnrolmentCodeRequestSchema = z.object({
  centerId: z.string().min(1).max(32),
  /** How long the code stays valid; one day unless told. */
  ttlSeconds: z.number().int().min(60).max(30 * 86_400).optional(),
});
export const EnrolmentCodeSchema = z.object({ code: z.string(), centerId: z.string(), expiresAt: z.string().datetime({ offset: true }) });

export const RevokeResponseSchema = z.object({ workstationId: z.string(), revoked: z.literal(true) });

export const ImageUploadSchema = z.object({
  mime: z.enum(['image/svg+xml', 'image/jpeg', 'image/png']),
  base64: z.string().max(4_000_000),
});

/** What the citizen's cabinet sends: an application without the fields the server owns. */
export const IntakeApplicationSchema = ApplicationRecordSchema.omit({
  version: true,
  status: true,
  history: true,
  refusal: true,
  newLicenceNumber: true,
  claim: true,
}).extend({
  /** The photo and signature bytes; their SHA-256 must be the record's photoHash / signatureHash. */
  images: z.array(ImageUploadSchema).max(4).optional(),
});
export type IntakeApplication = z.infer<typeof IntakeApplicationSchema>;

export const ApplicationEnvelopeSchema = z.object({ application: ApplicationRecordSchema });

const applicationId = z.string().min(1).max(64);
/** Three Cyrillic or Latin capital letters and six digits. */
export const LicenceNumberSchema = z.string().regex(/^[A-ZА-ЯІЇЄҐ]{3}\d{6}$/u, 'expected three capital letters and six digits');

export const ProducedEventSchema = z.object({ applicationId, newLicenceNumber: LicenceNumberSchema });
export const DeliveredEventSchema = z.object({ applicationId });
export const ReturnedEventSchema = z.object({ applicationId });
export const CancelledEventSchema = z.object({ applicationId, reason: z.string().trim().min(1).max(2000) });

export const ReleaseClaimResponseSchema = z.object({ application: ApplicationRecordSchema, released: z.boolean() });

/** The citizen-facing statuses ("My services"); several internal statuses share one. */
export const CITIZEN_STATUSES = [...new Set(Object.values(CITIZEN_STATUS))] as [string, ...string[]];
export const CitizenStatusKeySchema = z.enum(CITIZEN_STATUSES);

export const StatusQuerySchema = z.object({ birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD') });
export const StatusParamsSchema = z.object({ number: z.string().min(1).max(32) });

/** What "My services" shows: the citizen-facing status and its steps, never internal flags or operators. */
export const CitizenStatusSchema = z.object({
  number: z.string(),
  service: z.enum(['exchange', 'renewal']),
  status: CitizenStatusKeySchema,
  updatedAt: z.string().datetime({ offset: true }),
  /** The first time each citizen-facing status was reached, in order. */
  steps: z.array(z.object({ status: CitizenStatusKeySchema, at: z.string().datetime({ offset: true }) })),
  refusal: z.object({ reasonCode: z.string(), titleUk: z.string(), titleEn: z.string(), explanation: z.string() }).nullable(),
  delivery: z.enum(['pickup', 'ukrposhta']),
});
export type CitizenStatus = z.infer<typeof CitizenStatusSchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), serverTime: z.string().datetime({ offset: true }), training: z.boolean() });

export const ResetCursorsResponseSchema = z.object({ reset: z.literal(true) });
