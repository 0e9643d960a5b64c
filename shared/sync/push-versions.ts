import { z } from 'zod';
import { MAX_PUSH_OPS, PREVIOUS_PUSH_SCHEMA_VERSION, PUSH_SCHEMA_VERSION, PushOpSchema, type PushOp } from './push';

/**
 * Push schema versions the central server reads (additive to push.ts, whose meaning is unchanged).
 *
 * Version 1 is version 2 without `scope` on an op: a v1 op is center-scoped exactly when its `applicationId` is null.
 * The server upgrades each v1 op to the v2 shape before anything else looks at it, so an outbox written before the
 * update drains with the same results and the same receipts (the payload digest is taken of the upgraded op).
 */
export const PushOpV1Schema = PushOpSchema.omit({ scope: true });
export type PushOpV1 = z.infer<typeof PushOpV1Schema>;

export function upgradePushOpV1(op: PushOpV1): PushOp {
  return { ...op, scope: op.applicationId === null ? 'center' : 'application' };
}

export const SUPPORTED_PUSH_SCHEMA_VERSIONS = [PUSH_SCHEMA_VERSION, PREVIOUS_PUSH_SCHEMA_VERSION] as const;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');

/**
 * The envelope of a push in any version: only what the server needs to order and key the ops. Each op is then read
 * on its own with the schema of its version, so one malformed op becomes a recorded `rejected` result instead of
 * failing the whole batch (a poison op never blocks the queue). Unknown fields are tolerated and dropped.
 */
export const PushEnvelopeSchema = z.object({
  workstation: z.string().min(1).max(64),
  schemaVersion: z.number().int(),
  auditHead: z.string().regex(/^[0-9a-f]{64}$/),
  ops: z
    .array(z.looseObject({ opId: uuid, seq: z.number().int().positive() }))
    .max(MAX_PUSH_OPS),
});
export type PushEnvelope = z.infer<typeof PushEnvelopeSchema>;

/** Reads one op of an envelope with the schema of the push's version; v1 ops come back upgraded to v2. */
export function parsePushOp(raw: unknown, schemaVersion: number): { ok: true; op: PushOp } | { ok: false; message: string } {
  if (schemaVersion === PREVIOUS_PUSH_SCHEMA_VERSION) {
    const r = PushOpV1Schema.safeParse(raw);
    return r.success ? { ok: true, op: upgradePushOpV1(r.data) } : { ok: false, message: describeIssue(r.error) };
  }
  const r = PushOpSchema.safeParse(raw);
  return r.success ? { ok: true, op: r.data } : { ok: false, message: describeIssue(r.error) };
}

/** The first issue of a zod error as one sentence naming the field, for error bodies. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The input is not valid.';
  const path = issue.path.length ? issue.path.map(String).join('.') : 'the input';
  return `${path}: ${issue.message}`;
}

/** The args of each op type, as the workstation writes them (electron/core/services/decisions.ts, force-majeure.ts). */
export const ManualChecksArgSchema = z.object({
  photoSignatureSuitable: z.boolean(),
  dataConsistent: z.boolean(),
  deliveryDetailsComplete: z.boolean(),
});

export const OpArgsSchemas = {
  claim: z.object({}),
  /** releasedClaimOf is informative: the server names the released holder from its own state. */
  release: z.object({ releasedClaimOf: z.string().max(64).nullable().optional() }),
  /**
   * checkMarks (optional: older workstations send none) names who ticked each manual check and when; every mark is
   * of a ticked check, each check at most once.
   */
  approve: z
    .object({
      manualChecks: ManualChecksArgSchema,
      checkMarks: z
        .array(z.object({
          check: z.enum(['photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete']),
          operatorId: z.string().min(1).max(64),
          tickedAt: z.string().datetime({ offset: true }),
        }))
        .max(3)
        .optional(),
    })
    .superRefine((v, ctx) => {
      const seen = new Set<string>();
      for (const [i, m] of (v.checkMarks ?? []).entries()) {
        if (seen.has(m.check)) ctx.addIssue({ code: 'custom', path: ['checkMarks', i, 'check'], message: `${m.check} is marked twice` });
        if (v.manualChecks[m.check] !== true) ctx.addIssue({ code: 'custom', path: ['checkMarks', i, 'check'], message: `${m.check} is marked but not ticked` });
        seen.add(m.check);
      }
    }),
  refuse: z.object({ reasonCode: z.string().min(1).max(32), explanation: z.string().max(4000) }),
  'force_majeure.record': z.object({
    periodId: uuid,
    kind: z.enum(['air_alarm', 'power_outage', 'other']),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
    note: z.string().max(500),
  }),
  /**
   * An operator replaced their one-time password at a workstation: the scrypt hash of the new one (never the
   * password) and the password version it replaced, so a change made offline never undoes a newer one.
   */
  'operator.password_change': z.object({
    passwordHash: z.string().min(1).max(300),
    basePasswordVersion: z.number().int().nonnegative(),
  }),
} as const;
