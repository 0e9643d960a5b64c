import type { Workbook } from 'exceljs';
import type { Cell, ReportTable } from './tables';

/**
 * The report files both the console's core and the central server write: the same sheets in the same layout. The
 * caller brings exceljs's Workbook (a Node library neither the renderer nor this folder loads); only its type is
 * named here.
 */
const NUM_FMT = { integer: '0', decimal: '0.00', percent: '0.0%', date: 'dd.mm.yyyy' } as const;

/** One sheet per table, a title row with the center and period, a frozen header row below it; numbers as numbers. */
export function fillReportWorkbook(wb: Workbook, title: string, tables: readonly ReportTable[]): void {
  wb.creator = 'sc-licence-console';
  // A fixed stamp: the same report makes the same file (no clock, no user in it).
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  for (const table of tables) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = table.columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: NUM_FMT[c.format] } : {} }));
    ws.getRow(1).getCell(1).value = title;
    ws.getRow(1).font = { bold: true, size: 12 };
    const header = ws.getRow(2);
    table.columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    for (const row of table.rows) ws.addRow(row);
  }
}

function csvField(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV in UTF-8 with a byte order mark (so Excel reads Cyrillic): the title, then each table under its name. */
export function reportCsvBytes(title: string, tables: readonly ReportTable[]): Uint8Array {
  const lines: string[] = [csvField(title)];
  for (const table of tables) {
    lines.push('', csvField(table.sheet), table.columns.map((c) => csvField(c.header)).join(','));
    for (const row of table.rows) lines.push(row.map(csvField).join(','));
  }
  const text = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  const out = new Uint8Array(text.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(text, 3);
  return out;
}
