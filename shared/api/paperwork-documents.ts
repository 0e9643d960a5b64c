import { z } from 'zod';
import { AddressSchema, DeliveryMethodSchema, GroundSchema, IdentityDocumentSchema, ServiceSchema } from '../domain/application';
import { PrintDocumentSchema } from '../domain/facts';

/**
 * `paperwork.documentData`: exactly the fields each printed document needs, so the renderer's templates only lay
 * them out. Every item says how often it was printed before (`previousPrints` > 0 means the page is a copy).
 */

const applicationId = z.string().min(1).max(64);

export const DocumentDataInputSchema = z
  .object({
    document: PrintDocumentSchema,
    applicationIds: z.array(applicationId).min(1).max(2000).optional(),
    batchId: z.string().min(1).max(64).optional(),
    /** The Kyiv day of a daily register; today in Kyiv (by the workstation's clock) when not given. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  })
  .superRefine((v, ctx) => {
    const need = (field: 'applicationIds' | 'batchId' | 'date', ok: boolean) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [field], message: `a ${v.document} needs ${field}` });
    };
    if (v.document === 'batch_list') need('batchId', v.batchId !== undefined);
    else if (v.document === 'daily_register') return;
    else if (v.document === 'address_label') need('applicationIds', v.applicationIds !== undefined || v.batchId !== undefined);
    else need('applicationIds', v.applicationIds !== undefined);
  });
export type DocumentDataInput = z.infer<typeof DocumentDataInputSchema>;

const PersonSchema = z.object({
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
});

const HeaderFields = {
  center: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  /** Today in Kyiv (YYYY-MM-DD) and the instant the data was prepared. */
  date: z.string(),
  preparedAt: z.string(),
  operator: z.object({ id: z.string(), displayName: z.string() }),
};

const ItemFields = { applicationId: z.string(), number: z.string(), previousPrints: z.number().int().nonnegative() };

const ProductionOrderItem = z.object({
  ...ItemFields,
  service: ServiceSchema,
  ground: GroundSchema,
  applicant: PersonSchema.extend({ rnokpp: z.string().nullable(), unzr: z.string().nullable() }),
  currentLicence: z.object({ number: z.string(), categories: z.array(z.string()), issuedOn: z.string(), expiresOn: z.string() }),
  delivery: z.object({ method: DeliveryMethodSchema, pickupCenterName: z.string().nullable(), address: AddressSchema.nullable() }),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** The images are fetched with `application.images` by id; the hashes let the page tell they belong together. */
  photoHash: z.string(),
  signatureHash: z.string(),
});

const HandoverReceiptItem = z.object({
  ...ItemFields,
  applicant: PersonSchema,
  identityDocument: IdentityDocumentSchema,
  newLicenceNumber: z.string().nullable(),
  categories: z.array(z.string()),
  previousLicenceNumber: z.string(),
});

const AddressLabelItem = z.object({
  ...ItemFields,
  recipientName: z.string(),
  address: AddressSchema,
  recipientPhone: z.string(),
  tracking: z.string().nullable(),
});

const RefusalNoticeItem = z.object({
  ...ItemFields,
  applicant: PersonSchema,
  address: AddressSchema,
  submittedAt: z.string(),
  refusedAt: z.string().nullable(),
  refusedBy: z.string().nullable(),
  reason: z.object({ code: z.string(), titleUk: z.string(), titleEn: z.string() }),
  explanation: z.string(),
});

const BatchListParcel = z.object({
  ...ItemFields,
  position: z.number().int().positive(),
  recipientName: z.string(),
  address: AddressSchema,
  tracking: z.string().nullable(),
});

const RegisterRow = z.object({
  ...ItemFields,
  applicantName: z.string(),
  newLicenceNumber: z.string().nullable(),
  identityDocument: z.object({ type: IdentityDocumentSchema.shape.type, number: z.string() }),
  issuedAt: z.string(),
  operatorName: z.string().nullable(),
});

export const DocumentDataSchema = z.discriminatedUnion('document', [
  z.object({ document: z.literal('production_order'), ...HeaderFields, items: z.array(ProductionOrderItem) }),
  z.object({ document: z.literal('handover_receipt'), ...HeaderFields, items: z.array(HandoverReceiptItem) }),
  z.object({ document: z.literal('address_label'), ...HeaderFields, items: z.array(AddressLabelItem) }),
  z.object({ document: z.literal('refusal_notice'), ...HeaderFields, items: z.array(RefusalNoticeItem) }),
  z.object({
    document: z.literal('batch_list'),
    ...HeaderFields,
    batch: z.object({ id: z.string(), createdAt: z.string(), shippedAt: z.string().nullable() }),
    previousPrints: z.number().int().nonnegative(),
    parcels: z.array(BatchListParcel),
  }),
  z.object({
    document: z.literal('daily_register'),
    ...HeaderFields,
    /** The day the register covers: hand-overs recorded at this workstation on that Kyiv day. */
    day: z.string(),
    previousPrints: z.number().int().nonnegative(),
    rows: z.array(RegisterRow),
  }),
]);
export type DocumentData = z.infer<typeof DocumentDataSchema>;
