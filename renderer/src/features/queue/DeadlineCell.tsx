import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../../shared/api/queue';
import { useFormat } from '../../i18n/format';

/** The working days left (or overdue by) as a sentence, for the grid and the application screen. */
export function useDaysLeftText(): (state: QueueRow['deadlineState'], daysLeft: number | null) => string | null {
  const { t } = useTranslation();
  return (state, daysLeft) => {
    if (state === 'overdue') return daysLeft !== null && daysLeft < 0 ? t('deadline.overdueBy', { count: -daysLeft }) : t('deadline.overdue');
    if (state === 'none' || daysLeft === null) return null;
    return t('deadline.daysLeft', { count: daysLeft });
  };
}

/** A marker that the deadline was extended by force majeure; the full sentence is its name and tooltip. */
export function ForceMajeureMarker({ days }: { days: number }) {
  const { t } = useTranslation();
  if (days <= 0) return null;
  const label = t('deadline.extended', { count: days });
  return (
    <span className="fm-marker" role="img" aria-label={label} title={label}>
      {t('deadline.fmShort', { count: days })}
    </span>
  );
}

/** Due date, force-majeure marker and working days left: overdue in red words, due soon in amber with a "!" mark. */
export function DeadlineCell({ row }: { row: QueueRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const daysText = useDaysLeftText()(row.deadlineState, row.daysLeft);
  if (!row.dueAt) return <span className="muted">—</span>;
  // Overdue says so in words; due-soon only has a colour and so gets a shape and a hidden word too.
  const dueSoon = row.deadlineState === 'due_soon';
  return (
    <span className={`deadline deadline--${row.deadlineState}`} title={daysText ? `${fmt.date(row.dueAt)} · ${daysText}` : undefined}>
      {dueSoon && (
        <span className="deadline__mark" aria-hidden="true">
          !
        </span>
      )}
      {dueSoon && <span className="sr-only">{t('deadline.state.due_soon')}: </span>}
      <span className="deadline__date">{fmt.date(row.dueAt)}</span>
      {/* Before the days text, so that a narrow column clips the words (kept in the tooltip), not the marker. */}
      <ForceMajeureMarker days={row.extendedDays} />
      {daysText && <span className="deadline__days">{daysText}</span>}
    </span>
  );
}
