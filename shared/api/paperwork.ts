import { z } from 'zod';
import { FACT_KINDS, FactFlagReasonSchema, PrintDocumentSchema, PrintMethodSchema } from '../domain/facts';
import { StatusSchema } from '../domain/status';
import { ApplicationDetailSchema } from './application';

/** Schemas of the paperwork and handover methods (issue 5): facts, shipment batches, prints, the review list. */

const applicationId = z.string().min(1).max(64);
const batchId = z.string().min(1).max(64);
/** Large enough for a day's register or a whole batch, small enough to cap a request. */
const applicationIds = z.array(applicationId).min(1).max(2000);

/** One recorded fact: what the status was, what it is now, and why it is on the review list (if it is). */
export const FactRecordSchema = z.object({
  opId: z.string(),
  applicationId: z.string(),
  kind: z.enum(FACT_KINDS),
  at: z.string(),
  statusSeen: StatusSchema,
  statusAfter: StatusSchema,
  moved: z.boolean(),
  flag: FactFlagReasonSchema.nullable(),
});
export type FactRecord = z.infer<typeof FactRecordSchema>;

export const FactResultSchema = z.object({ fact: FactRecordSchema, application: ApplicationDetailSchema });
export type FactResult = z.infer<typeof FactResultSchema>;

/** What a barcode scanner types (the application number, with or without its dash), or the id from a list. */
export const CardArrivedInputSchema = z
  .object({ number: z.string().max(200).optional(), id: applicationId.optional() })
  .refine((v) => (v.number === undefined) !== (v.id === undefined), 'give either the scanned number or the application id');

/** The box must be ticked and the number typed from the document the citizen shows (checked by the service). */
export const HandoverIssueInputSchema = z.object({
  id: applicationId,
  identityDocumentChecked: z.boolean(),
  identityDocumentNumber: z.string().max(100),
});

export const UncollectedInputSchema = z.object({ olderThanDays: z.number().int().min(0).max(3650).optional() });
export const UncollectedSchema = z.object({
  olderThanDays: z.number().int(),
  items: z.array(
    z.object({
      applicationId: z.string(),
      number: z.string(),
      applicantName: z.string(),
      phone: z.string(),
      status: StatusSchema,
      /** When the card started waiting (arrived, or came back from Ukrposhta). */
      since: z.string(),
      daysWaiting: z.number().int(),
    }),
  ),
});

export const ParcelSchema = z.object({
  position: z.number().int().positive(),
  applicationId: z.string(),
  number: z.string().nullable(),
  recipientName: z.string().nullable(),
  postcode: z.string().nullable(),
  locality: z.string().nullable(),
  status: StatusSchema.nullable(),
  tracking: z.string().nullable(),
  shipped: z.boolean(),
});
export const ShipmentBatchSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  shippedAt: z.string().nullable(),
  shippedBy: z.string().nullable(),
  parcels: z.array(ParcelSchema),
});
export type ShipmentBatch = z.infer<typeof ShipmentBatchSchema>;

export const CreateBatchInputSchema = z.object({ applicationIds: z.array(applicationId).min(1).max(500) });
export const BatchResultSchema = z.object({ batch: ShipmentBatchSchema });
export const SetTrackingInputSchema = z.object({ batchId, applicationId, tracking: z.string().max(100) });
export const MarkShippedInputSchema = z.object({ batchId });
export const MarkShippedResultSchema = z.object({
  batch: ShipmentBatchSchema,
  shipped: z.array(FactRecordSchema),
  /** Parcels without a tracking barcode (or no longer in the local store) leave the batch and wait for the next one. */
  detached: z.array(z.string()),
});
export const BatchesInputSchema = z.object({ includeShipped: z.boolean().default(true), limit: z.number().int().min(1).max(500).default(100) });
export const BatchesSchema = z.object({ batches: z.array(ShipmentBatchSchema) });

export const DeliveryTargetsSchema = z.object({
  targetDays: z.number().int(),
  items: z.array(
    z.object({
      applicationId: z.string(),
      number: z.string(),
      applicantName: z.string(),
      tracking: z.string().nullable(),
      shippedAt: z.string(),
      /** The Kyiv calendar day by which delivery is due. */
      dueOn: z.string(),
      /** Negative once overdue. */
      daysLeft: z.number().int(),
      overdue: z.boolean(),
    }),
  ),
});

export const PrintRecordInputSchema = z.object({
  applicationIds,
  document: PrintDocumentSchema,
  how: PrintMethodSchema,
  /** The batch a batch list or labels were printed for. */
  batchId: batchId.optional(),
});
export const PrintRecordResultSchema = z.object({
  prints: z.array(
    z.object({
      applicationId: z.string(),
      document: PrintDocumentSchema,
      /** 0 for the first print; n for the n-th reprint. The page says «КОПІЯ» on a reprint. */
      copy: z.number().int().nonnegative(),
      reprint: z.boolean(),
      flag: FactFlagReasonSchema.nullable(),
      opId: z.string(),
    }),
  ),
});
export const PrintHistoryInputSchema = z.object({ applicationId });
export const PrintHistorySchema = z.object({
  prints: z.array(
    z.object({
      document: PrintDocumentSchema,
      how: PrintMethodSchema,
      at: z.string(),
      operatorId: z.string(),
      operatorName: z.string().nullable(),
      copy: z.number().int().nonnegative(),
      reprint: z.boolean(),
      batchId: z.string().nullable(),
    }),
  ),
});

export const ReviewItemSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationNumber: z.string().nullable(),
  fact: z.enum(FACT_KINDS),
  reason: FactFlagReasonSchema,
  at: z.string(),
  operatorId: z.string(),
  operatorName: z.string().nullable(),
  statusSeen: StatusSchema,
  statusAfter: StatusSchema,
  /**
   * How it was resolved: by a supervisor with a note, or settled by the central server (no operator then) when the
   * server took the fact without a flag and a pull brought its outcome.
   */
  resolved: z
    .object({ at: z.string(), operatorId: z.string().nullable(), operatorName: z.string().nullable(), note: z.string(), settledByCentral: z.boolean() })
    .nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;
export const ReviewListInputSchema = z.object({
  includeResolved: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const ReviewListSchema = z.object({ items: z.array(ReviewItemSchema), open: z.number().int().nonnegative() });
export const ReviewResolveInputSchema = z.object({ id: z.string().min(1).max(64), note: z.string().max(2000) });
export const ReviewResolveResultSchema = z.object({ item: ReviewItemSchema });

export * from './paperwork-documents';
