import { z } from 'zod';
import { ReportResultSchema, SummaryFiguresSchema } from './result';

/**
 * The central server's report (`GET /v1/admin/reports?from=&to=[&center=]`): the shared report result, field for
 * field as the console computes it for one center (`centerId` null for all centers together), plus
 * - the period's summary figures at the top level (`received`, `approved`, `refused`, `cancelled`, `undecided`,
 *   `shippedByPost`, `handedOver`, `awaitingPickup`, the same numbers as `summary.total`);
 * - `byReason`: the period's refusals per catalogue code as `{code, count}` (every reason `refusals.byReason` lists);
 * - `byCenter`, only when no center was named: each center's summary figures for the period, in center order.
 */
export const ReasonCountSchema = z.object({ code: z.string(), count: z.number().int().nonnegative() });

export const CenterSummarySchema = SummaryFiguresSchema.extend({ centerId: z.string(), name: z.string() });
export type CenterSummary = z.infer<typeof CenterSummarySchema>;

export const CentralReportSchema = ReportResultSchema.extend({
  centerId: z.string().nullable(),
  ...SummaryFiguresSchema.shape,
  byReason: z.array(ReasonCountSchema),
  byCenter: z.array(CenterSummarySchema).optional(),
});
export type CentralReport = z.infer<typeof CentralReportSchema>;

/** The query of the report and its files. Dates are checked by the server (400 `invalid_date`, `period_reversed`). */
export const CentralReportQuerySchema = z.object({
  from: z.string().max(32).describe('First day of the period, YYYY-MM-DD (Kyiv calendar date, inclusive)'),
  to: z.string().max(32).describe('Last day of the period, YYYY-MM-DD (inclusive)'),
  center: z.string().min(1).max(32).optional().describe('A service center id; all centers when absent'),
  lang: z.enum(['uk', 'en']).optional().describe('Language of the headings in .xlsx and .csv files (uk by default)'),
});
export type CentralReportQuery = z.infer<typeof CentralReportQuerySchema>;
