import { CentralReportQuerySchema, CentralReportSchema } from '../../shared/reports/central';
import { SyncErrorSchema } from '../../shared/sync/push';
import { defineRoute, type RouteSpec } from '../http/route';
import type { CentralReportService, ReportFormat } from '../services/reports/report-service';

const errors = { 400: SyncErrorSchema, 401: SyncErrorSchema };

/** The supervisors' report for one center or all of them, as JSON and as the console's XLSX and CSV files. */
export function reportRoutes(reports: CentralReportService): RouteSpec[] {
  const file = (format: ReportFormat, contentType: string) =>
    defineRoute({
      method: 'GET', url: `/v1/admin/reports.${format}`, tag: 'reports', auth: 'admin',
      summary: `The same report as a ${format.toUpperCase()} file: the console's sheets (summary, refusals, deadlines, administrators, time in status, trend), and a sheet of centers when no center is named.`,
      query: CentralReportQuerySchema,
      responses: { 200: { contentType, description: `The report as ${format.toUpperCase()}` }, ...errors },
      handler: async ({ query }) => {
        const out = await reports.file(query, format);
        return { raw: out.data, contentType: out.contentType, headers: { 'Content-Disposition': `attachment; filename="${out.fileName}"` } };
      },
    });
  return [
    defineRoute({
      method: 'GET', url: '/v1/admin/reports', tag: 'reports', auth: 'admin',
      summary: 'The report of one service center or of all for a period of Kyiv calendar dates (both ends inclusive): the console\'s report result, the summary figures at the top level, refusals per code, and each center\'s summary when no center is named. 400 invalid_date, period_reversed, period_too_long or unknown_center.',
      query: CentralReportQuerySchema,
      responses: { 200: CentralReportSchema, ...errors },
      handler: async ({ query }) => ({ json: await reports.report(query) }),
    }),
    file('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    file('csv', 'text/csv; charset=utf-8'),
  ];
}
