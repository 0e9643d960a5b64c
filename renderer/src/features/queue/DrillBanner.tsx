import { useTranslation } from 'react-i18next';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { navigate, routeHash } from '../../app/router';

function uaDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Says which report figure the queue lists, with the way back to the report and out to the whole queue. */
export function DrillBanner({ drill }: { drill: ReportDrill }) {
  const { t, i18n } = useTranslation();
  const figure = (() => {
    switch (drill.figure) {
      case 'decidedLate':
        return drill.lateDays ? t('reports.drill.late', { days: drill.lateDays }) : t('reports.drill.lateAny');
      case 'decidedInTime':
        return t('reports.drill.inTime');
      case 'overdueAtEnd':
        return t('reports.drill.overdue');
      case 'extended':
        return t('reports.drill.extended');
      case 'stepMeasured':
        return t('reports.drill.step', { step: t(`reports.steps.${drill.step!}`) });
      default:
        return t(`reports.figures.${drill.figure}`);
    }
  })();
  const parts = [
    figure,
    t('reports.drill.period', { from: uaDate(drill.from), to: uaDate(drill.to) }),
    drill.service && t(`service.${drill.service}`),
    drill.delivery && t(`delivery.${drill.delivery}`),
    drill.reasonCode,
    drill.operatorId,
  ].filter(Boolean);
  return (
    <div className="queue-drill" data-testid="queue-drill" data-href={routeHash({ name: 'queue', drill })} lang={i18n.language}>
      <p className="queue-drill__title">{t('reports.drill.title', { figure: parts.join(' · ') })}</p>
      <button type="button" className="button button--small" onClick={() => navigate({ name: 'reports', period: { from: drill.from, to: drill.to } })}>
        {t('reports.drill.back')}
      </button>
      <button type="button" className="button button--small" onClick={() => navigate({ name: 'queue' })}>
        {t('reports.drill.clear')}
      </button>
    </div>
  );
}
