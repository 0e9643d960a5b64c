import ExcelJS from 'exceljs';
import type { ReportExportFormat, ReportFile } from '../../../../shared/api/reports';
import type { ReportResult } from '../../../../shared/reports/result';
import { reportTables, reportTitle, type Cell, type Language, type ReportTable } from './report-tables';

const NUM_FMT = { integer: '0', decimal: '0.00', percent: '0.0%', date: 'dd.mm.yyyy' } as const;

/** The workbook: one sheet per table, a title row with the center and period, a frozen header row below it. */
export async function reportXlsx(r: ReportResult, centerName: string, lang: Language): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sc-licence-console';
  // A fixed stamp: the same report makes the same file (no clock, no user in it).
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const title = reportTitle(r, centerName, lang);
  for (const table of reportTables(r, lang)) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = table.columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: NUM_FMT[c.format] } : {} }));
    ws.getRow(1).getCell(1).value = title;
    ws.getRow(1).font = { bold: true, size: 12 };
    const header = ws.getRow(2);
    table.columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    for (const row of table.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvField(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV in UTF-8 with a byte order mark (so Excel reads Cyrillic): the title, then each table under its name. */
export function reportCsv(r: ReportResult, centerName: string, lang: Language): Buffer {
  const lines: string[] = [csvField(reportTitle(r, centerName, lang))];
  for (const table of reportTables(r, lang) as ReportTable[]) {
    lines.push('', csvField(table.sheet), table.columns.map((c) => csvField(c.header)).join(','));
    for (const row of table.rows) lines.push(row.map(csvField).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
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
