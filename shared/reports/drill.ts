import { z } from 'zod';
import { DeliveryMethodSchema, ServiceSchema } from '../domain/application';
import { STATUS_STEPS } from './facts';

/**
 * Every countable figure of the report, as a queue filter: the queue shows exactly the applications the figure
 * counted, because the core counts the figure and filters the queue with one predicate per figure
 * (electron/core/services/reports/figure-predicates.ts).
 *
 * - `received`: submitted on a day of the period. `approved`, `refused`: the decision was made on a day of the
 *   period (the administrator's time, not the sync time); `decided`: either of the two. `cancelled`: withdrawn on
 *   a day of the period.
 * - `undecided`, `overdueAtEnd`: submitted by the period's end and not decided by its end (overdue: its deadline
 *   day before the last day). `awaitingPickup`: the card waited at the center at the end of the last day.
 * - `shippedByPost`, `handedOver`: handed to Ukrposhta / handed over in person on a day of the period.
 * - `decidedInTime`, `decidedLate`: approvals and refusals of the period by or after the deadline.
 * - `extended`: submitted in the period with a deadline extended by force majeure.
 * - `stepMeasured`: a time-in-status stretch that ended in the period.
 * Optional narrowing: service, delivery, refusal reason, deciding operator, working days late, the stretch.
 */
export const REPORT_FIGURES = [
  'received', 'approved', 'refused', 'decided', 'cancelled', 'undecided', 'shippedByPost', 'handedOver', 'awaitingPickup',
  'decidedInTime', 'decidedLate', 'overdueAtEnd', 'extended', 'stepMeasured',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ReportDrillSchema = z
  .object({
    figure: z.enum(REPORT_FIGURES),
    from: isoDay,
    to: isoDay,
    service: ServiceSchema.optional(),
    delivery: DeliveryMethodSchema.optional(),
    reasonCode: z.string().min(1).max(32).optional(),
    operatorId: z.string().min(1).max(64).optional(),
    lateDays: z.number().int().positive().max(10_000).optional(),
    step: z.enum(STATUS_STEPS).optional(),
  })
  .refine((d) => d.from <= d.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((d) => (d.figure === 'stepMeasured') === (d.step !== undefined), { message: 'a stretch is named for stepMeasured only', path: ['step'] });
export type ReportDrill = z.infer<typeof ReportDrillSchema>;

/**
 * The order a figure's list opens in: by applicant. A figure gathers applications by the days things happened to
 * them, which every date-like order (number, submission, deadline, status) follows; the alphabet does not, so the
 * first page is found along the name index at any size. Any other column can be chosen as in the queue.
 */
export const DRILL_SORT = { column: 'applicant', direction: 'asc' } as const;
