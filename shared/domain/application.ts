import { z } from 'zod';
import { StatusSchema } from './status';

export const SERVICES = ['exchange', 'renewal'] as const;
export const ServiceSchema = z.enum(SERVICES);
export type Service = z.infer<typeof ServiceSchema>;

/** Grounds: exchange (expiry, personal-data change, damage, by wish), renewal (loss, theft, destruction). */
export const GROUNDS = ['expiry', 'data_change', 'damage', 'by_wish', 'loss', 'theft', 'destruction'] as const;
export const GroundSchema = z.enum(GROUNDS);
export type Ground = z.infer<typeof GroundSchema>;

export const GROUNDS_BY_SERVICE: Record<Service, readonly Ground[]> = {
  exchange: ['expiry', 'data_change', 'damage', 'by_wish'],
  renewal: ['loss', 'theft', 'destruction'],
};

export const DELIVERY_METHODS = ['pickup', 'ukrposhta'] as const;
export const DeliveryMethodSchema = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof DeliveryMethodSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const AddressSchema = z.object({
  postcode: z.string().regex(/^\d{5}$/, 'postcode must be 5 digits'),
  region: text(200),
  locality: text(200),
  street: text(300),
  building: text(50),
  apartment: text(50).optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const IdentityDocumentSchema = z.object({
  type: z.enum(['id_card', 'passport_book', 'foreign_passport', 'residence_permit']),
  number: text(20),
  issuedBy: text(300),
  issuedOn: isoDate,
});

export const LicenceSchema = z.object({
  number: z.string().min(9).max(9),
  categories: z.array(z.string().max(4)).max(16),
  issuedOn: isoDate,
  expiresOn: isoDate,
  firstLicence: z.boolean(),
});

export const PaymentSchema = z.object({
  confirmed: z.boolean(),
  receipt: text(64),
  paidAt: isoInstant,
  /** Amounts in kopiykas to keep arithmetic exact. */
  blankFee: z.number().int().nonnegative(),
  adminFee: z.number().int().nonnegative(),
  deliveryFee: z.number().int().nonnegative(),
});

/** Automatic checks that arrive with an application from the registries. */
export const AutoChecksSchema = z.object({
  paymentConfirmed: z.boolean(),
  identityMatches: z.boolean(),
  noDrivingBan: z.boolean(),
  licenceInRegister: z.boolean(),
});
export type AutoChecks = z.infer<typeof AutoChecksSchema>;

export const DeliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('pickup'), centerId: text(32) }),
  z.object({ method: z.literal('ukrposhta'), address: AddressSchema, recipientPhone: text(20) }),
]);
export type Delivery = z.infer<typeof DeliverySchema>;

/** One manual check affirmed for an approval: which, by whom and when (the workstation's clock, for the audit only). */
export const ManualCheckMarkSchema = z.object({
  check: z.enum(['photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete']),
  operatorId: text(64),
  at: isoInstant,
});
export type ManualCheckMark = z.infer<typeof ManualCheckMarkSchema>;

export const StatusChangeSchema = z.object({
  status: StatusSchema,
  at: isoInstant,
  operatorId: text(64).nullable(),
  note: text(2000).nullable(),
  /** On an approval: the manual checks ticked for it; absent on other steps and in older pages. */
  checks: z.array(ManualCheckMarkSchema).max(3).optional(),
  /**
   * On a step a workstation's op made: when the central server recorded it (its own clock). `at` is the time the
   * administrator acted (the op's client time, never before the step it follows nor after this); absent on the steps
   * the central server makes itself and in older pages.
   */
  recordedAt: isoInstant.optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const ApplicantSchema = z.object({
  surname: text(10_000).min(1),
  givenName: text(10_000).min(1),
  patronymic: text(10_000),
  birthDate: isoDate,
  sex: z.enum(['male', 'female']),
  rnokpp: z.string().regex(/^\d{10}$/).nullable(),
  unzr: z.string().regex(/^\d{8}-\d{5}$/).nullable(),
  identityDocument: IdentityDocumentSchema,
  phone: text(20),
  email: text(254).nullable(),
  address: AddressSchema,
});
export type Applicant = z.infer<typeof ApplicantSchema>;

/** An application as the central server publishes it in a pull page (images travel by hash only). */
export const ApplicationRecordSchema = z.object({
  id: z.string().min(1).max(64),
  number: z.string().min(1).max(32),
  version: z.number().int().nonnegative(),
  centerId: text(32),
  service: ServiceSchema,
  ground: GroundSchema,
  status: StatusSchema,
  submittedAt: isoInstant,
  applicant: ApplicantSchema,
  licence: LicenceSchema,
  newLicenceNumber: z.string().max(9).nullable(),
  payment: PaymentSchema,
  autoChecks: AutoChecksSchema,
  delivery: DeliverySchema,
  photoHash: z.string().regex(/^[0-9a-f]{64}$/),
  signatureHash: z.string().regex(/^[0-9a-f]{64}$/),
  history: z.array(StatusChangeSchema).max(200),
  refusal: z
    .object({ reasonCode: text(32), explanation: text(4000) })
    .nullable(),
  /** Who holds the claim on the central server (any workstation of the center); absent in older pages. */
  claim: z
    .object({ operatorId: text(64), workstationId: text(64), at: isoInstant })
    .nullable()
    .optional(),
});
export type ApplicationRecord = z.infer<typeof ApplicationRecordSchema>;
