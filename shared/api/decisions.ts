import { z } from 'zod';
import { AUTO_CHECKS, DECISION_ACTIONS, EXPLANATION_MAX_LENGTH, MANUAL_CHECKS } from '../domain/decisions';
import { StatusSchema } from '../domain/status';
import { ApplicationDetailSchema } from './application';
import { ErrorCodeSchema } from './errors';

const applicationId = z.string().min(1).max(64);

export const ManualChecksSchema = z.object({
  photoSignatureSuitable: z.boolean(),
  dataConsistent: z.boolean(),
  deliveryDetailsComplete: z.boolean(),
}) satisfies z.ZodType<Record<(typeof MANUAL_CHECKS)[number], boolean>>;

export const ClaimInputSchema = z.object({ id: applicationId });
export const ReleaseInputSchema = z.object({ id: applicationId });
/**
 * `takeIntoWork`: the application is not in work yet, and the operator takes it and decides in one action (the fast
 * path): one local transaction with two ops, the claim and then the decision, as the central server would receive
 * them from the slow path. Refused with `already_claimed` when the operator holds it already.
 */
const takeIntoWork = z.boolean().optional();
export const ApproveInputSchema = z.object({ id: applicationId, manualChecks: ManualChecksSchema, takeIntoWork });
/**
 * `application.workflow` answers whether approval would be accepted with the manual checks ticked so far (none when
 * left out), so the answer and `application.approve` with the same checks always agree.
 */
export const WorkflowInputSchema = z.object({ id: applicationId, manualChecks: ManualChecksSchema.partial().optional() });
/**
 * Lengths are checked by the decision rules (codes `explanation_too_short` / `_too_long`), so the schema only
 * caps the size of the request.
 */
export const RefuseInputSchema = z.object({
  id: applicationId,
  reasonCode: z.string().max(64),
  explanation: z.string().max(EXPLANATION_MAX_LENGTH * 4),
  takeIntoWork,
});

/** What a decision returns: the application as it now stands and the next one worth opening. */
export const DecisionResultSchema = z.object({
  application: ApplicationDetailSchema,
  /** The op recorded in the outbox (its UUIDv7), for the sync screen. */
  opId: z.string(),
  /** The most urgent application nobody has in work, other than this one; null when the queue is empty. */
  nextApplicationId: z.string().nullable(),
});
export type DecisionResult = z.infer<typeof DecisionResultSchema>;

/** Whether an action is open to the signed-in operator now; when not, the code and sentence saying why. */
export const ActionAvailabilitySchema = z.object({
  allowed: z.boolean(),
  code: ErrorCodeSchema.nullable(),
  message: z.string().nullable(),
});

export const WorkflowStepSchema = z.object({
  /** 'server' for history pulled from the central server; 'local' for steps taken here and not yet confirmed. */
  source: z.enum(['server', 'local']),
  /** The decision that made the step (local steps only; pulled history carries statuses only). */
  action: z.enum(DECISION_ACTIONS).nullable(),
  status: StatusSchema,
  at: z.string(),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  reasonCode: z.string().nullable(),
  explanation: z.string().nullable(),
  manualChecks: ManualChecksSchema.nullable(),
  /** On an approval: who ticked each manual check and when (pulled from the central server or taken here). */
  checkMarks: z
    .array(z.object({ check: z.enum(MANUAL_CHECKS), operatorId: z.string(), operatorName: z.string().nullable(), at: z.string() }))
    .nullable(),
  /** When a supervisor released someone else's claim: whose it was. */
  releasedClaimOf: z.string().nullable(),
  /** The outbox op behind a local step, and where it stands in sync. */
  opId: z.string().nullable(),
  syncState: z.string().nullable(),
});
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

/** Everything the decision screen needs beside `application.get`: the claim, what is allowed, and why not. */
export const ApplicationWorkflowSchema = z.object({
  id: z.string(),
  status: StatusSchema,
  claim: z
    .object({ operatorId: z.string().nullable(), operatorName: z.string().nullable(), since: z.string().nullable(), mine: z.boolean() })
    .nullable(),
  actions: z.object({
    claim: ActionAvailabilitySchema,
    release: ActionAvailabilitySchema,
    approve: ActionAvailabilitySchema,
    refuse: ActionAvailabilitySchema,
    /** The same decisions with `takeIntoWork`: the claim and the decision in one action (approval with the given checks). */
    claimAndApprove: ActionAvailabilitySchema,
    claimAndRefuse: ActionAvailabilitySchema,
  }),
  autoChecks: z.array(z.object({ check: z.enum(AUTO_CHECKS), passed: z.boolean(), suggestedReasonCode: z.string() })),
  /** Refusal reasons suggested by failed automatic checks, in catalogue order. */
  suggestedReasonCodes: z.array(z.string()),
  refusal: z.object({ reasonCode: z.string(), explanation: z.string() }).nullable(),
  steps: z.array(WorkflowStepSchema),
  /** Ops on this application waiting to be pushed. */
  pendingOps: z.number().int().nonnegative(),
});
export type ApplicationWorkflow = z.infer<typeof ApplicationWorkflowSchema>;
