import { z } from 'zod';
import { ApplicationRecordSchema } from '../domain/application';

/** The push format; the central server also accepts the previous version so an outbox written before an update drains. */
export const PUSH_SCHEMA_VERSION = 2;
export const PREVIOUS_PUSH_SCHEMA_VERSION = 1;
export const MAX_PUSH_OPS = 500;
export const MAX_PUSH_BYTES = 1024 * 1024;

export const OP_TYPES = ['claim', 'release', 'approve', 'refuse', 'force_majeure.record', 'card_arrived', 'handed_over', 'shipped', 'printed', 'operator.password_change'] as const;
export const OpTypeSchema = z.enum(OP_TYPES);
export type OpType = z.infer<typeof OpTypeSchema>;
/** Ops about the center rather than one application: a force-majeure period, an operator's new password. */
export const CENTER_OP_TYPES = ['force_majeure.record', 'operator.password_change'] as const satisfies readonly OpType[];
export type CenterOpType = (typeof CENTER_OP_TYPES)[number];
export function isCenterOpType(type: string): type is CenterOpType {
  return (CENTER_OP_TYPES as readonly string[]).includes(type);
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');

/**
 * One outbox op. `seq` is the workstation's local sequence: ops are applied in seq order, never by opId or
 * clientTime (clocks jump back after power cuts). `baseVersion` is the server version of the application this
 * workstation last pulled; client time is for the audit only.
 */
export const PushOpSchema = z.object({
  opId: uuid,
  seq: z.number().int().positive(),
  scope: z.enum(['application', 'center']),
  applicationId: z.string().min(1).max(64).nullable(),
  type: OpTypeSchema,
  args: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().nonnegative().nullable(),
  clientTime: z.string().datetime({ offset: true }),
  operatorId: z.string().min(1).max(64),
});
export type PushOp = z.infer<typeof PushOpSchema>;

export const PushRequestSchema = z.object({
  workstation: z.string().min(1).max(64),
  schemaVersion: z.union([z.literal(PUSH_SCHEMA_VERSION), z.literal(PREVIOUS_PUSH_SCHEMA_VERSION)]),
  /** The latest hash of the workstation's audit chain: the server keeps it as an anchor a local rewrite cannot match. */
  auditHead: z.string().regex(/^[0-9a-f]{64}$/),
  ops: z.array(PushOpSchema).max(MAX_PUSH_OPS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const OP_RESULTS = ['applied', 'duplicate', 'conflict', 'rejected'] as const;
export const OpResultKindSchema = z.enum(OP_RESULTS);
export type OpResultKind = z.infer<typeof OpResultKindSchema>;

export const PushOpResultSchema = z.object({
  opId: z.string(),
  result: OpResultKindSchema,
  /** Stable code for conflict and rejected results (e.g. already_decided, claimed_by_other, unknown_application). */
  code: z.string().max(64).nullable(),
  message: z.string().max(1000).nullable(),
  /** The server version the op produced (applied, duplicate). */
  serverVersion: z.number().int().nonnegative().nullable(),
  /** On conflict: who won, and the current server record. */
  winner: z.object({ workstationId: z.string(), operatorId: z.string().nullable(), opId: z.string().nullable() }).nullable(),
  record: ApplicationRecordSchema.nullable(),
});
export type PushOpResult = z.infer<typeof PushOpResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(PushOpResultSchema),
  serverTime: z.string().datetime({ offset: true }),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** A whole-request error body (400, 401, 403, 409 version mismatch, 413, 429, 5xx). */
export const SyncErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
