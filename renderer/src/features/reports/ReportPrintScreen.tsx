import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPeriod } from '../../../../shared/reports/period';
import { useSessionInfo } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { printShownPage } from '../print/print-job';
import { ReportCharts } from './ReportCharts';
import { uaDate } from './report-format';
import { ReportTables } from './ReportTables';
import { useReport } from './useReport';
import '../../styles/reports.css';

/**
 * The report as it prints (A4, the charts drawn as SVG without animation), through the print path every document
 * takes: Electron prints or saves a PDF, the browser opens its dialog. Nothing is recorded: a report is no paper
 * of an application.
 */
export function ReportPrintScreen({ period }: { period: ReportPeriod }) {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const report = useReport(period);
  const back = () => navigate({ name: 'reports', period });
  useLetterShortcuts({ p: () => void printShownPage(), Escape: back });
  useEffect(() => {
    document.title = `${t('reports.title')} — ${t('app.productName')}`;
  }, [t]);
  return (
    <main id="main" className="report-print" data-testid="report-print-screen">
      <style>{'@page { size: A4; margin: 12mm 14mm; }'}</style>
      <div className="print-toolbar no-print">
        <button type="button" className="button" onClick={back}>{t('reports.drill.back')}</button>
        <button type="button" className="button button--primary" data-testid="report-print-now" disabled={!report.data} onClick={() => void printShownPage()}>{t('reports.print')}</button>
      </div>
      {report.isError && <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <article className="report-paper" data-testid="report-paper">
          <h1>{t('reports.printTitle', { center: session.data?.centerName ?? report.data.centerId, from: uaDate(period.from), to: uaDate(period.to) })}</h1>
          <ReportTables report={report.data} />
          <ReportCharts report={report.data} animate={false} />
        </article>
      )}
    </main>
  );
}
