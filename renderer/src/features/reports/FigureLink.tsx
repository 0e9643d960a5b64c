import type { ReportDrill } from '../../../../shared/reports/drill';
import { routeHash } from '../../app/router';
import { useFormat } from '../../i18n/format';

/**
 * A figure of the report as a link to the queue listing exactly the applications it counted. A figure that is not
 * a count (a median, a share, a rate, working days added) shows its own `text` and leads to the list it was worked
 * out from; `value` is then that list's length, and the link says so in its own test id.
 */
export function FigureLink({ value, drill, testKey, text, label }: { value: number; drill: ReportDrill; testKey: string; text?: string; label?: string }) {
  const fmt = useFormat();
  return (
    <a
      href={routeHash({ name: 'queue', drill })}
      className="figure-link"
      data-testid={text === undefined ? 'report-figure' : 'report-figure-basis'}
      data-key={testKey}
      data-value={value}
      aria-label={label}
    >
      {text ?? fmt.number(value)}
    </a>
  );
}
