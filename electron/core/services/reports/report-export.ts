import ExcelJS from 'exceljs';
import type { ReportExportFormat, ReportFile } from '../../../../shared/api/reports';
import type { ReportResult } from '../../../../shared/reports/result';
import { reportTables, reportTitle, type Language } from '../../../../shared/reports/tables';
import { fillReportWorkbook, reportCsvBytes } from '../../../../shared/reports/workbook';

/** The workbook: one sheet per table, a title row with the center and period, a frozen header row below it. */
export async function reportXlsx(r: ReportResult, centerName: string, lang: Language): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fillReportWorkbook(wb, reportTitle(r, centerName, lang), reportTables(r, lang));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV in UTF-8 with a byte order mark (so Excel reads Cyrillic): the title, then each table under its name. */
export function reportCsv(r: ReportResult, centerName: string, lang: Language): Buffer {
  return Buffer.from(reportCsvBytes(reportTitle(r, centerName, lang), reportTables(r, lang)));
}

export async function reportFile(r: ReportResult, centerName: string, format: ReportExportFormat, lang: Language): Promise<ReportFile> {
  const data = format === 'xlsx' ? await reportXlsx(r, centerName, lang) : reportCsv(r, centerName, lang);
  return {
    fileName: `report-${r.centerId}-${r.period.from}-${r.period.to}.${format}`,
    mime: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    bytes: data.length,
    data: data.toString('base64'),
  };
}
