import { z } from 'zod';

export const FORCE_MAJEURE_KINDS = ['air_alarm', 'power_outage', 'other'] as const;
export const ForceMajeureKindSchema = z.enum(FORCE_MAJEURE_KINDS);

/** The longest period one record may cover; longer spells are recorded as several periods. */
export const FORCE_MAJEURE_MAX_DAYS = 7;

const instant = z.string().datetime({ offset: true });

export const ForceMajeureRecordInputSchema = z.object({
  kind: ForceMajeureKindSchema,
  startsAt: instant,
  endsAt: instant,
  note: z.string().max(500).default(''),
});
export type ForceMajeureRecordInput = z.input<typeof ForceMajeureRecordInputSchema>;

export const ForceMajeurePeriodSchema = z.object({
  id: z.string(),
  centerId: z.string(),
  kind: ForceMajeureKindSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** Working days (YYYY-MM-DD) this period overlaps that extend deadlines (at least the threshold of force majeure). */
  extendedDays: z.array(z.string()),
  /** True while the center-scoped op is still waiting to be pushed. */
  pendingSync: z.boolean(),
});
export type ForceMajeurePeriod = z.infer<typeof ForceMajeurePeriodSchema>;

export const ForceMajeureRecordResultSchema = z.object({
  period: ForceMajeurePeriodSchema,
  opId: z.string(),
  /** Applications whose stored deadline moved. */
  deadlinesChanged: z.number().int().nonnegative(),
});

export const ForceMajeureListInputSchema = z.object({ limit: z.number().int().min(1).max(1000).default(200) });
export const ForceMajeureListSchema = z.object({ periods: z.array(ForceMajeurePeriodSchema) });
