import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ReportResult } from '../../../../shared/reports/result';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { useFormat } from '../../i18n/format';
import { FigureLink } from './FigureLink';
import { uaDate } from './report-format';

const COLORS = { received: '#1f5fa8', approved: '#2e7d32', refused: '#b3261e' };
const WIDTH = 760;
const LABEL_CHARS = 42;

/**
 * The trend and the refusals as SVG charts (recharts; fixed sizes so they print as drawn), each followed by its
 * numbers in a table: the chart is a picture for the eye, the table what a screen reader reads.
 */
export function ReportCharts({ report, animate = true }: { report: ReportResult; animate?: boolean }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const points = report.trend.points.map((p) => ({ ...p, label: p.from === p.to ? uaDate(p.from).slice(0, 5) : `${uaDate(p.from).slice(0, 5)}–${uaDate(p.to).slice(0, 5)}` }));
  const reasons = report.refusals.byReason.filter((r) => r.count > 0).map((r) => {
    const title = i18n.language === 'en' ? r.titleEn : r.titleUk;
    // The axis carries the reason's own words, cut to fit; the table under the chart has them whole.
    return { code: r.code, title, label: title.length > LABEL_CHARS ? `${title.slice(0, LABEL_CHARS - 1).trimEnd()}…` : title, count: r.count };
  });
  const link = (key: string, value: number, drill: ReportDrill) => <FigureLink testKey={key} value={value} drill={drill} />;
  return (
    <>
      <section aria-labelledby="report-trend">
        <h2 id="report-trend">
          {t('reports.trendTitle')} ({report.trend.granularity === 'day' ? t('reports.trendDaily') : t('reports.trendWeekly')})
        </h2>
        <figure className="report-chart" data-testid="report-trend-chart">
          <div aria-hidden="true">
            <LineChart accessibilityLayer={false} width={WIDTH} height={260} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke="#ddd" />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} />
              <Legend />
              {(['received', 'approved', 'refused'] as const).map((k) => (
                <Line key={k} type="monotone" dataKey={k} name={t(`reports.columns.${k}`)} stroke={COLORS[k]} dot={false} isAnimationActive={animate} />
              ))}
            </LineChart>
          </div>
          <figcaption className="sr-only">{t('reports.chartTrend')}</figcaption>
        </figure>
        <table className="work-table report-table report-table--chart" data-testid="report-trend">
          <caption>{t('reports.chartNumbers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.columns.days')}</th>
              <th scope="col">{t('reports.columns.received')}</th>
              <th scope="col">{t('reports.columns.approved')}</th>
              <th scope="col">{t('reports.columns.refused')}</th>
            </tr>
          </thead>
          <tbody>
            {report.trend.points.map((p) => (
              <tr key={p.from}>
                <th scope="row">{p.from === p.to ? uaDate(p.from) : `${uaDate(p.from)}–${uaDate(p.to)}`}</th>
                <td>{link(`trend.${p.from}.received`, p.received, { figure: 'received', from: p.from, to: p.to })}</td>
                <td>{link(`trend.${p.from}.approved`, p.approved, { figure: 'approved', from: p.from, to: p.to })}</td>
                <td>{link(`trend.${p.from}.refused`, p.refused, { figure: 'refused', from: p.from, to: p.to })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {reasons.length > 0 && (
        <section aria-labelledby="report-reasons-chart">
          <h2 id="report-reasons-chart">{t('reports.refusalsTitle')}</h2>
          <figure className="report-chart" data-testid="report-reasons-chart">
            <div aria-hidden="true">
              <BarChart accessibilityLayer={false} width={WIDTH} height={40 + 32 * reasons.length} data={reasons} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="#ddd" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={300} tick={{ fontSize: 12 }} />
                <Bar dataKey="count" name={t('reports.columns.count')} fill={COLORS.refused} isAnimationActive={animate} />
              </BarChart>
            </div>
            <figcaption className="sr-only">{t('reports.chartRefusals')}</figcaption>
          </figure>
          <table className="sr-only">
            <caption>{t('reports.chartNumbers')}</caption>
            <tbody>
              {reasons.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.title}</th>
                  <td>{fmt.number(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
