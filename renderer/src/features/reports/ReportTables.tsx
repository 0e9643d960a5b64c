import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_METHODS, SERVICES } from '../../../../shared/domain/application';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { SUMMARY_METRICS, type ReportResult } from '../../../../shared/reports/result';
import { useFormat } from '../../i18n/format';
import { FigureLink } from './FigureLink';
import { formatDuration } from './report-format';

type Drill = Omit<ReportDrill, 'from' | 'to'> & Partial<Pick<ReportDrill, 'from' | 'to'>>;

/** The report's tables with exact numbers; every count is a link (keys match shared/reports/links.ts). */
export function ReportTables({ report }: { report: ReportResult }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { from, to } = report.period;
  const link = (key: string, value: number, drill: Drill, text?: string) => (
    <FigureLink testKey={key} value={value} drill={{ from, to, ...drill } as ReportDrill} text={text} />
  );
  const s = report.summary;
  const percent = (x: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const decimal = (x: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { maximumFractionDigits: 2 }).format(x);
  const d = report.deadlines;
  // The whole center, then each service and each delivery method, each beside the previous period of equal length.
  const slices = [
    { key: '', label: t('reports.columns.total'), now: s.total, before: s.previous, narrow: {} },
    ...SERVICES.map((x) => ({ key: `.${x}`, label: t(`reports.columns.${x}`), now: s.byService[x], before: s.previousByService[x], narrow: { service: x } })),
    ...DELIVERY_METHODS.map((x) => ({ key: `.${x}`, label: t(`reports.columns.${x}`), now: s.byDelivery[x], before: s.previousByDelivery[x], narrow: { delivery: x } })),
  ];
  return (
    <>
      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t('reports.summaryTitle')}</h2>
        <div className="report-table-scroll">
          <table className="work-table report-table report-table--summary" data-testid="report-summary">
            <colgroup><col /></colgroup>
            {slices.map((sl) => <colgroup key={sl.key} span={2} />)}
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>{t('reports.columns.figure')}</th>
                {slices.map((sl) => <th key={sl.key} scope="colgroup" colSpan={2} className="report-table__group">{sl.label}</th>)}
              </tr>
              <tr>
                {slices.map((sl) => (
                  <Fragment key={sl.key}>
                    <th scope="col" className="report-table__now">{t('reports.columns.thisPeriod')}</th>
                    <th scope="col" className="report-table__previous">{t('reports.columns.previousShort')}</th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {SUMMARY_METRICS.map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`reports.figures.${m}`)}</th>
                  {slices.map((sl) => (
                    <Fragment key={sl.key}>
                      <td className="report-table__now">{link(`summary.${m}${sl.key}`, sl.now[m], { figure: m, ...sl.narrow })}</td>
                      <td className="report-table__previous">{link(`summary.${m}${sl.key}.previous`, sl.before[m], { figure: m, ...sl.narrow, ...report.previousPeriod })}</td>
                    </Fragment>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="report-deadlines">
        <h2 id="report-deadlines">{t('reports.deadlinesTitle')}</h2>
        <table className="work-table report-table" data-testid="report-deadlines">
          <tbody>
            <tr><th scope="row">{t('reports.deadline.decided')}</th><td data-testid="report-decided">{link('deadlines.decided', d.decided, { figure: 'decided' })}</td></tr>
            <tr><th scope="row">{t('reports.deadline.inTime')}</th><td>{link('deadlines.inTime', d.inTime, { figure: 'decidedInTime' })}</td></tr>
            <tr><th scope="row">{t('reports.deadline.late')}</th><td>{link('deadlines.late', d.late, { figure: 'decidedLate' })}</td></tr>
            {d.lateByDays.map((x) => (
              <tr key={x.lateDays}>
                <th scope="row" className="report-table__sub">{t('reports.deadline.lateBy', { count: x.lateDays })}</th>
                <td>{link(`deadlines.late.${x.lateDays}`, x.count, { figure: 'decidedLate', lateDays: x.lateDays })}</td>
              </tr>
            ))}
            <tr><th scope="row">{t('reports.deadline.openAtEnd')}</th><td>{link('deadlines.openAtEnd', d.openAtEnd, { figure: 'undecided' })}</td></tr>
            <tr><th scope="row" className="report-table__sub">{t('reports.deadline.overdueAtEnd')}</th><td>{link('deadlines.overdueAtEnd', d.overdueAtEnd, { figure: 'overdueAtEnd' })}</td></tr>
            <tr><th scope="row">{t('reports.deadline.extended')}</th><td>{link('deadlines.extended', d.extended, { figure: 'extended' })}</td></tr>
            <tr>
              <th scope="row">{t('reports.deadline.workingDaysAdded')}</th>
              <td data-testid="report-days-added">{link('deadlines.workingDaysAdded', d.extended, { figure: 'extended' }, fmt.number(d.workingDaysAdded))}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="report-refusals">
        <h2 id="report-refusals">{t('reports.refusalsTitle')}</h2>
        <table className="work-table report-table" data-testid="report-refusals">
          <thead>
            <tr>
              <th scope="col">{t('reports.columns.reason')}</th>
              <th scope="col">{t('reports.columns.count')}</th>
              <th scope="col">{t('reports.columns.share')}</th>
            </tr>
          </thead>
          <tbody>
            {report.refusals.byReason.map((r) => (
              <tr key={r.code}>
                <th scope="row">{i18n.language === 'en' ? r.titleEn : r.titleUk} {!r.active && <span className="muted">{t('reports.retired')}</span>}</th>
                <td>{link(`refusals.${r.code}`, r.count, { figure: 'refused', reasonCode: r.code })}</td>
                <td>{link(`refusals.${r.code}.share`, r.count, { figure: 'refused', reasonCode: r.code }, percent(r.share))}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('reports.figures.refused')}</th>
              <td>{link('refusals.total', report.refusals.total, { figure: 'refused' })}</td>
              <td>{report.refusals.total ? link('refusals.total.share', report.refusals.total, { figure: 'refused' }, percent(1)) : '—'}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="report-throughput">
        <h2 id="report-throughput">{t('reports.throughputTitle')}</h2>
        {report.throughput.length === 0 ? (
          <p className="muted">{t('reports.noDecisions')}</p>
        ) : (
          <table className="work-table report-table" data-testid="report-throughput">
            <thead>
              <tr>
                <th scope="col">{t('reports.columns.operator')}</th>
                <th scope="col">{t('reports.columns.approved')}</th>
                <th scope="col">{t('reports.columns.refused')}</th>
                <th scope="col">{t('reports.columns.decisions')}</th>
                <th scope="col">{t('reports.columns.perDay')}</th>
                <th scope="col">{t('reports.columns.claimMedian')}</th>
              </tr>
            </thead>
            <tbody>
              {report.throughput.map((o) => {
                const decided = { figure: 'decided', operatorId: o.operatorId } as const;
                const measured = { figure: 'stepMeasured', step: 'inWorkToDecision', operatorId: o.operatorId } as const;
                return (
                  <tr key={o.operatorId}>
                    <th scope="row">{o.name ?? o.operatorId}</th>
                    <td>{link(`throughput.${o.operatorId}.approved`, o.approved, { figure: 'approved', operatorId: o.operatorId })}</td>
                    <td>{link(`throughput.${o.operatorId}.refused`, o.refused, { figure: 'refused', operatorId: o.operatorId })}</td>
                    <td>{link(`throughput.${o.operatorId}.decisions`, o.decisions, decided)}</td>
                    <td>{link(`throughput.${o.operatorId}.perDay`, o.decisions, decided, decimal(o.perWorkingDay))}</td>
                    <td>
                      {o.measuredDecisions > 0
                        ? link(`throughput.${o.operatorId}.median`, o.measuredDecisions, measured, formatDuration(o.medianClaimToDecisionMs, t))
                        : formatDuration(null, t)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-steps">
        <h2 id="report-steps">{t('reports.stepsTitle')}</h2>
        <table className="work-table report-table" data-testid="report-steps">
          <thead>
            <tr>
              <th scope="col">{t('reports.columns.step')}</th>
              <th scope="col">{t('reports.columns.count')}</th>
              <th scope="col">{t('reports.columns.median')}</th>
              <th scope="col">{t('reports.columns.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {report.timeInStatus.map((x) => {
              const measured = { figure: 'stepMeasured', step: x.step } as const;
              const duration = (key: string, ms: number | null) => (x.count > 0 ? link(`steps.${x.step}.${key}`, x.count, measured, formatDuration(ms, t)) : formatDuration(ms, t));
              return (
                <tr key={x.step}>
                  <th scope="row">{t(`reports.steps.${x.step}`)}</th>
                  <td>{link(`steps.${x.step}`, x.count, measured)}</td>
                  <td>{duration('median', x.medianMs)}</td>
                  <td>{duration('p90', x.p90Ms)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
