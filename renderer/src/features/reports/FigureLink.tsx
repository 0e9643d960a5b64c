import type { ReportDrill } from '../../../../shared/reports/drill';
import { routeHash } from '../../app/router';
import { useFormat } from '../../i18n/format';

/** A count of the report as a link to the queue listing exactly the applications it counted. */
export function FigureLink({ value, drill, testKey, label }: { value: number; drill: ReportDrill; testKey: string; label?: string }) {
  const fmt = useFormat();
  return (
    <a href={routeHash({ name: 'queue', drill })} className="figure-link" data-testid="report-figure" data-key={testKey} data-value={value} aria-label={label}>
      {fmt.number(value)}
    </a>
  );
}
