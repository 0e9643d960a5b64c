import { z } from 'zod';
import { AnnouncementRevisionSchema } from './announced';
import { ErrorCodeSchema } from './errors';

/**
 * The sync part of the API contract (DESIGN.md, "Sync with the central server"): what the header indicator, the
 * "Sync now" button, the conflicts list and the quarantine list of the renderer read.
 */

export const SyncPhaseSchema = z.enum(['push', 'pull', 'reference']);
export type SyncPhase = z.infer<typeof SyncPhaseSchema>;

export const SyncErrorInfoSchema = z.object({
  /** Stable code (central_unreachable, central_throttled, central_unauthorized, ...); the renderer shows `errors.<code>`. */
  code: ErrorCodeSchema,
  message: z.string(),
  at: z.string(),
});
export type SyncErrorInfo = z.infer<typeof SyncErrorInfoSchema>;

export const SyncStatusSchema = z.object({
  /** The last request to the central server got an answer (any answer but a network failure). */
  online: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  /** Ops still waiting to be pushed (quarantined ones not counted: see `quarantinedOps`). */
  pendingOps: z.number().int().nonnegative(),
  quarantinedOps: z.number().int().nonnegative(),
  /** Conflicts and rejections recorded on this workstation that nobody has acknowledged yet. */
  conflicts: z.number().int().nonnegative(),
  syncing: z.boolean(),
  /** `total` is null while it is not known (the pull does not know how many changes remain). */
  progress: z.object({ phase: SyncPhaseSchema, done: z.number().int().nonnegative(), total: z.number().int().nonnegative().nullable() }).nullable(),
  lastError: SyncErrorInfoSchema.nullable(),
  /** When the engine will try again after a failure (backoff), if it is waiting. */
  nextAttemptAt: z.string().nullable(),
  /** False until the workstation holds a token from the central server. */
  enrolled: z.boolean(),
  /**
   * Which of the engine's announcements this status is. A status answered to a request may reach a window after a
   * newer one came as an event; the window keeps the newer (see `newerAnnounced`), so a finished cycle never shows
   * as still running.
   */
  revision: AnnouncementRevisionSchema,
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SYNC_OUTCOMES = ['conflict', 'rejected'] as const;

/** One local action the central server did not take: lost to another workstation's commit, or refused. */
export const SyncConflictSchema = z.object({
  opId: z.string(),
  seq: z.number().int(),
  applicationId: z.string().nullable(),
  /** The application number, when the application is in the local store. */
  applicationNumber: z.string().nullable(),
  /** The local action (claim, release, approve, refuse, force_majeure.record). */
  action: z.string(),
  operatorId: z.string(),
  operatorName: z.string().nullable(),
  clientTime: z.string(),
  /** What happened to it. */
  outcome: z.enum(SYNC_OUTCOMES),
  code: z.string().nullable(),
  message: z.string().nullable(),
  /** Who committed first; null for a rejection. */
  winner: z
    .object({ workstationId: z.string(), operatorId: z.string().nullable(), operatorName: z.string().nullable() })
    .nullable(),
  /** The application's status on the central server as it came back with the answer. */
  serverStatus: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Who marked it seen, and when; null while nobody has. */
  acknowledged: z.object({ at: z.string(), operatorId: z.string(), operatorName: z.string().nullable() }).nullable(),
  /** Whether the signed-in operator may acknowledge it: their own action, or any action for a supervisor. */
  canAcknowledge: z.boolean(),
});
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

export const SyncConflictsInputSchema = z.object({
  limit: z.number().int().min(1).max(1000).default(200),
  /** The acknowledged ones too (newest first, mixed with the open ones). */
  includeAcknowledged: z.boolean().default(false),
});
export const SyncConflictsSchema = z.object({
  conflicts: z.array(SyncConflictSchema),
  /** Conflicts and rejections nobody has acknowledged yet (what the header counts). */
  total: z.number().int().nonnegative(),
});

/** Marks conflicts or rejections seen: the operator's own, or anyone's for a supervisor. */
export const AcknowledgeConflictsInputSchema = z.object({ opIds: z.array(z.string().min(1).max(64)).min(1).max(500) });
export const AcknowledgeConflictsResultSchema = z.object({ acknowledged: z.number().int().nonnegative(), status: SyncStatusSchema });

/** An op that failed transiently for a day: kept, shown, pushed again only when someone asks. */
export const QuarantinedOpSchema = z.object({
  opId: z.string(),
  seq: z.number().int(),
  applicationId: z.string().nullable(),
  applicationNumber: z.string().nullable(),
  action: z.string(),
  operatorId: z.string(),
  clientTime: z.string(),
  attempts: z.number().int().nonnegative(),
  firstFailedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type QuarantinedOp = z.infer<typeof QuarantinedOpSchema>;

export const SyncQuarantineSchema = z.object({ ops: z.array(QuarantinedOpSchema) });
export const RetryQuarantinedInputSchema = z.object({ opId: z.string().min(1).max(64) });
export const RetryQuarantinedResultSchema = z.object({ requeued: z.boolean(), status: SyncStatusSchema });

/** Enrolment: IT enters the one-time code the central server issued; it buys this workstation's token. */
export const SyncEnrolmentSchema = z.object({
  mode: z.enum(['training', 'production']),
  enrolled: z.boolean(),
  centralUrl: z.string().nullable(),
  centerId: z.string(),
  workstationId: z.string(),
  enrolledAt: z.string().nullable(),
});
export type SyncEnrolment = z.infer<typeof SyncEnrolmentSchema>;
export const SyncEnrolInputSchema = z.object({ code: z.string().trim().min(6).max(64) });
