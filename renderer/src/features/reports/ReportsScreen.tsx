import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportExportFormat } from '../../../../shared/api/reports';
import { presetPeriod, type ReportPeriod } from '../../../../shared/reports/period';
import { useSessionInfo } from '../../api/queries';
import { asApiCallError } from '../../api/api-call-error';
import { navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useFormat } from '../../i18n/format';
import { PeriodPicker } from './PeriodPicker';
import { ReportCharts } from './ReportCharts';
import { exportReport } from './report-export';
import { uaDate } from './report-format';
import { ReportTables } from './ReportTables';
import { useReport } from './useReport';
import '../../styles/reports.css';

/** The supervisor's reports: a period, the tables and charts, drill-down links, exports and the print preview. */
export function ReportsScreen({ period: fromAddress }: { period?: ReportPeriod }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const session = useSessionInfo();
  const now = session.data ? Date.parse(session.data.now) : null;
  const period = fromAddress ?? (now !== null ? presetPeriod('lastHalfYear', now) : null);
  const report = useReport(period);
  const [saved, setSaved] = useState<string | null>(null);
  const exporting = useMutation({
    mutationFn: (format: ReportExportFormat) => exportReport(period!, format, i18n.language === 'en' ? 'en' : 'uk'),
    onSuccess: (name) => setSaved(name),
  });
  const choose = (p: ReportPeriod) => navigate({ name: 'reports', period: p }, { replace: true });

  return (
    <ScreenFrame title={t('reports.title')} testId="reports-screen" lead={t('reports.lead')}>
      {period && now !== null && <PeriodPicker key={`${period.from}-${period.to}`} period={period} now={now} onChange={choose} />}
      {report.isError && asApiCallError(report.error).code === 'forbidden' && (
        <p className="notice" role="alert" data-testid="reports-forbidden">{t('reports.supervisorsOnly')}</p>
      )}
      {report.isError && asApiCallError(report.error).code !== 'forbidden' && <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && period && <p className="muted">{t('app.loading')}</p>}
      {report.data && (
        <>
          <p role="status" data-testid="report-showing">
            {t('reports.showing', {
              from: uaDate(report.data.period.from), to: uaDate(report.data.period.to), days: fmt.number(report.data.workingDays),
              prevFrom: uaDate(report.data.previousPeriod.from), prevTo: uaDate(report.data.previousPeriod.to),
            })}
          </p>
          <div className="report-actions">
            <button type="button" className="button" data-testid="report-export-xlsx" disabled={exporting.isPending} onClick={() => exporting.mutate('xlsx')}>{t('reports.exportXlsx')}</button>
            <button type="button" className="button" data-testid="report-export-csv" disabled={exporting.isPending} onClick={() => exporting.mutate('csv')}>{t('reports.exportCsv')}</button>
            <button type="button" className="button" data-testid="report-print" onClick={() => navigate({ name: 'reportPrint', period: report.data.period })}>{t('reports.print')}</button>
            {saved && <span role="status" data-testid="report-exported">{t('reports.exported', { name: saved })}</span>}
          </div>
          {exporting.isError && <ErrorNotice error={exporting.error} />}
          <ReportTables report={report.data} />
          <ReportCharts report={report.data} />
        </>
      )}
    </ScreenFrame>
  );
}
