import { z } from 'zod';
import { STATUS_STEPS } from './facts';
import { ReportPeriodSchema } from './period';

const count = z.number().int().nonnegative();
const ms = z.number().int().positive().nullable();

/** The summary figures of one period (one slice: all, one service or one delivery method). */
export const SummaryFiguresSchema = z.object({
  received: count,
  approved: count,
  refused: count,
  cancelled: count,
  undecided: count,
  shippedByPost: count,
  handedOver: count,
  awaitingPickup: count,
});
export type SummaryFigures = z.infer<typeof SummaryFiguresSchema>;
export const SUMMARY_METRICS = Object.keys(SummaryFiguresSchema.shape) as (keyof SummaryFigures)[];

export const ReasonRowSchema = z.object({
  code: z.string(),
  titleUk: z.string(),
  titleEn: z.string(),
  /** False for a reason since retired from the catalogue (its refusals still count). */
  active: z.boolean(),
  count,
  /** count / all refusals of the period (0 when there were none). */
  share: z.number().min(0).max(1),
});

export const OperatorRowSchema = z.object({
  operatorId: z.string(),
  /** The operator's display name: given to supervisors only (the report is theirs), null when unknown. */
  name: z.string().nullable(),
  approved: count,
  refused: count,
  decisions: count,
  /** Decisions per working day of the period (two decimals). */
  perWorkingDay: z.number().nonnegative(),
  /** Decisions whose time from taking into work was measured (longer than zero): what the median is of. */
  measuredDecisions: count,
  medianClaimToDecisionMs: ms,
});

export const StepRowSchema = z.object({
  step: z.enum(STATUS_STEPS),
  /** Applications whose stretch ended in the period and was measured (longer than zero). */
  count,
  medianMs: ms,
  p90Ms: ms,
});

export const TrendPointSchema = z.object({
  from: z.string(),
  to: z.string(),
  received: count,
  approved: count,
  refused: count,
});

/**
 * The report of one center for one period: what the console computes from its store and what the central server
 * will return for the same center (`GET /v1/admin/reports`), field for field, so a sync test can compare the two.
 */
export const ReportResultSchema = z.object({
  centerId: z.string(),
  period: ReportPeriodSchema,
  previousPeriod: ReportPeriodSchema,
  workingDays: count,
  /** The period's figures, whole and by slice, each beside the same figure of the previous period of equal length. */
  summary: z.object({
    total: SummaryFiguresSchema,
    previous: SummaryFiguresSchema,
    byService: z.object({ exchange: SummaryFiguresSchema, renewal: SummaryFiguresSchema }),
    byDelivery: z.object({ pickup: SummaryFiguresSchema, ukrposhta: SummaryFiguresSchema }),
    previousByService: z.object({ exchange: SummaryFiguresSchema, renewal: SummaryFiguresSchema }),
    previousByDelivery: z.object({ pickup: SummaryFiguresSchema, ukrposhta: SummaryFiguresSchema }),
  }),
  refusals: z.object({ total: count, byReason: z.array(ReasonRowSchema) }),
  deadlines: z.object({
    /** Approvals and refusals of the period. */
    decided: count,
    inTime: count,
    late: count,
    lateByDays: z.array(z.object({ lateDays: z.number().int().positive(), count })),
    openAtEnd: count,
    overdueAtEnd: count,
    /** Applications received in the period whose deadline force majeure extended, and the working days added. */
    extended: count,
    workingDaysAdded: count,
  }),
  throughput: z.array(OperatorRowSchema),
  timeInStatus: z.array(StepRowSchema),
  trend: z.object({ granularity: z.enum(['day', 'week']), points: z.array(TrendPointSchema) }),
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

/**
 * The percentile rule both sides use: nearest rank. The p-th percentile of n sorted values is the value at
 * 1-based rank ceil(p/100 * n); the median is p = 50 (the lower middle value when n is even).
 */
export function nearestRankOffset(n: number, p: number): number {
  return Math.max(0, Math.ceil((p / 100) * n) - 1);
}
