import ExcelJS from 'exceljs';
import { dayNumberToIso, isoToDayNumber } from '../../../shared/domain/kyiv-time';
import type { CentralReport, CentralReportQuery } from '../../../shared/reports/central';
import { MAX_PERIOD_DAYS, type ReportPeriod } from '../../../shared/reports/period';
import { SUMMARY_METRICS } from '../../../shared/reports/result';
import { centerTable, reportTables, reportTitle, type Language, type ReportTable } from '../../../shared/reports/tables';
import { fillReportWorkbook, reportCsvBytes } from '../../../shared/reports/workbook';
import { HttpError } from '../../http/errors';
import type { CentralContext } from '../context';
import { CentralReportQueries } from './report-queries';

export type ReportFormat = 'xlsx' | 'csv';

export interface ReportFileOut {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The supervisors' report on the central server, for one center or for all: the shared report result (what the
 * console computes for its center), the summary at the top level, refusals per code, and each center's summary
 * when no center is named; as JSON, XLSX or CSV (the console's sheets).
 */
export class CentralReportService {
  private readonly queries: CentralReportQueries;

  constructor(private readonly ctx: CentralContext) {
    this.queries = new CentralReportQueries(() => ctx.store.db);
  }

  async report(query: Pick<CentralReportQuery, 'from' | 'to' | 'center'>): Promise<CentralReport> {
    const period = checkedPeriod(query.from, query.to);
    const db = this.ctx.store.db;
    const centers = await db.selectFrom('centers').select(['id', 'name']).orderBy('id').execute();
    if (query.center !== undefined && !centers.some((c) => c.id === query.center)) {
      throw new HttpError(400, 'unknown_center', `There is no service center "${query.center}" on this server; check the center id, or leave "center" out for all centers.`);
    }
    const ids = query.center !== undefined ? [query.center] : centers.map((c) => c.id);
    const operators = await db.selectFrom('operators').select(['id', 'display_name']).execute();
    const { result, byCenter } = await this.queries.report(ids, period, new Map(operators.map((o) => [o.id, o.display_name])), query.center === undefined);
    const report: CentralReport = {
      ...result,
      centerId: query.center ?? null,
      ...result.summary.total,
      byReason: result.refusals.byReason.map((r) => ({ code: r.code, count: r.count })),
    };
    if (query.center === undefined) {
      report.byCenter = centers.map((c) => {
        const figures = byCenter.get(c.id);
        return { centerId: c.id, name: c.name, ...Object.fromEntries(SUMMARY_METRICS.map((m) => [m, figures?.[m] ?? 0])) } as NonNullable<CentralReport['byCenter']>[number];
      });
    }
    return report;
  }

  /** The report as a file: the console's sheets (and a sheet of centers for all of them), headings in `lang`. */
  async file(query: CentralReportQuery, format: ReportFormat): Promise<ReportFileOut> {
    const report = await this.report(query);
    const lang: Language = query.lang ?? 'uk';
    const name = report.centerId === null ? null : ((await this.ctx.store.db.selectFrom('centers').select('name').where('id', '=', report.centerId).executeTakeFirst())?.name ?? report.centerId);
    const result = { ...report, centerId: report.centerId ?? '' };
    const tables: ReportTable[] = [...reportTables(result, lang), ...(report.byCenter ? [centerTable(report.byCenter, lang)] : [])];
    const title = reportTitle(result, name, lang);
    const base = `report-${report.centerId ?? 'all'}-${report.period.from}-${report.period.to}.${format}`;
    if (format === 'csv') return { fileName: base, contentType: 'text/csv; charset=utf-8', data: Buffer.from(reportCsvBytes(title, tables)) };
    const wb = new ExcelJS.Workbook();
    fillReportWorkbook(wb, title, tables);
    return { fileName: base, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}

/** The period of the query, or a 400 saying what is wrong with it. */
export function checkedPeriod(from: string, to: string): ReportPeriod {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!ISO_DAY.test(value) || dayNumberToIso(isoToDayNumber(value)) !== value) {
      throw new HttpError(400, 'invalid_date', `"${name}" must be a calendar date as YYYY-MM-DD (Kyiv time), not "${value.slice(0, 32)}".`);
    }
  }
  if (from > to) throw new HttpError(400, 'period_reversed', `The period ends (${to}) before it starts (${from}); give the earlier date as "from".`);
  if (isoToDayNumber(to) - isoToDayNumber(from) >= MAX_PERIOD_DAYS) {
    throw new HttpError(400, 'period_too_long', `A report covers at most ${MAX_PERIOD_DAYS} days; ask for a shorter period.`);
  }
  return { from, to };
}
