import type { ReportExportFormat } from '../../../../shared/api/reports';
import type { ReportPeriod } from '../../../../shared/reports/period';
import { api } from '../../api/client';

/**
 * The core makes the file (the renderer never carries the spreadsheet library). Electron's shell asks where to
 * save it; in a browser it arrives as a download. Returns the file's name, or null when the save was cancelled.
 */
export async function exportReport(period: ReportPeriod, format: ReportExportFormat, language: 'uk' | 'en'): Promise<string | null> {
  const bridge = window.consoleBridge;
  if (bridge?.saveReport) {
    const saved = await bridge.saveReport({ period, format, language });
    return saved.saved ? saved.fileName : null;
  }
  const file = await api.call('reports.export', { period, format, language });
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.fileName;
}
