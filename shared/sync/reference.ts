import { z } from 'zod';

/** Reference data the central server publishes and every workstation pulls. */
export const ReferenceDataSchema = z.object({
  version: z.string().min(1).max(100),
  centers: z.array(z.object({ id: z.string().max(32), name: z.string().max(300), address: z.string().max(500) })).max(2000),
  operators: z
    .array(
      z.object({
        id: z.string().max(64),
        login: z.string().max(64),
        displayName: z.string().max(200),
        role: z.enum(['administrator', 'supervisor']),
        centerId: z.string().max(32),
        /** scrypt hash in the console's format; workstations verify passwords offline. */
        passwordHash: z.string().max(300),
        disabled: z.boolean(),
        /**
         * The hash is of a one-time password IT issued: the console makes the operator choose their own at sign-in.
         * Absent from servers that predate it (then false).
         */
        mustChangePassword: z.boolean().default(false),
        /** Moves each time the password is set (by IT or by the operator); a change made offline names the one it replaced. */
        passwordVersion: z.number().int().nonnegative().default(0),
      }),
    )
    .max(10_000),
  refusalReasons: z
    .array(z.object({ code: z.string().max(32), titleUk: z.string().max(300), titleEn: z.string().max(300), suggestedForCheck: z.string().max(64).nullable(), active: z.boolean() }))
    .max(200),
  /** Non-working days (YYYY-MM-DD); empty under martial law. */
  nonWorkingDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(2000),
  forceMajeurePeriods: z
    .array(
      z.object({
        id: z.string().max(64),
        centerId: z.string().max(32),
        kind: z.enum(['air_alarm', 'power_outage', 'other']),
        startsAt: z.string().datetime({ offset: true }),
        endsAt: z.string().datetime({ offset: true }),
        note: z.string().max(2000),
      }),
    )
    .max(100_000),
  fees: z.object({ blankFee: z.number().int(), adminFee: z.number().int(), deliveryFee: z.number().int() }),
});
export type ReferenceData = z.infer<typeof ReferenceDataSchema>;

/** Enrolment: a one-time code from the central server buys a per-workstation token. */
export const EnrolRequestSchema = z.object({ code: z.string().min(6).max(64), workstationId: z.string().min(1).max(64), centerId: z.string().min(1).max(32) });
export const EnrolResponseSchema = z.object({ token: z.string().min(20).max(200), workstationId: z.string(), centerId: z.string() });
