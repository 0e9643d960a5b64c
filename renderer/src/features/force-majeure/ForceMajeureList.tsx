import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';

/** A length of time as hours and minutes ("2 год 30 хв"). */
export function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const minutes = Math.round(ms / 60_000);
    return t('forceMajeure.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
}

/**
 * The center's periods, newest first, each with the working days it extended. Who recorded a period comes as an
 * operator id; the signed-in operator's own periods show their name.
 */
export function ForceMajeureList({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const durationText = useDurationText();
  const periods = useQuery({ queryKey: queryKeys.forceMajeure, queryFn: () => api.call('forceMajeure.list', { limit: 200 }) });

  return (
    <section className="card fm-list-card" aria-labelledby="fm-list-title" data-testid="fm-list" aria-busy={periods.isFetching || undefined}>
      <h2 id="fm-list-title" className="card__title">
        {t('forceMajeure.listTitle')}
      </h2>
      {periods.isError && <ErrorNotice error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.isPending && <p className="muted">{t('app.loading')}</p>}
      {periods.data && periods.data.periods.length === 0 && <p data-testid="fm-empty">{t('forceMajeure.empty')}</p>}
      {periods.data && periods.data.periods.length > 0 && (
        <table className="history-table fm-table" data-testid="fm-table">
          <thead>
            <tr>
              <th scope="col">{t('forceMajeure.kindLabel')}</th>
              <th scope="col">{t('forceMajeure.startEndKyiv')}</th>
              <th scope="col">{t('forceMajeure.extendedDays')}</th>
              <th scope="col">{t('forceMajeure.note')}</th>
              <th scope="col">{t('forceMajeure.recordedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.data.periods.map((p) => (
              <tr key={p.id} data-testid="fm-row" data-id={p.id} data-kind={p.kind}>
                <td>{t(`forceMajeure.kind.${p.kind}`)}</td>
                <td>
                  <span className="nowrap">{fmt.dateTime(p.startsAt)}</span> – <span className="nowrap">{fmt.dateTime(p.endsAt)}</span>
                  <span className="history-table__detail muted">{durationText(Date.parse(p.endsAt) - Date.parse(p.startsAt))}</span>
                </td>
                <td data-testid="fm-extended-days">
                  {p.extendedDays.length === 0 ? (
                    <span className="muted">{t('forceMajeure.noDays')}</span>
                  ) : (
                    <ul className="plain-list">
                      {p.extendedDays.map((d) => (
                        <li key={d}>{fmt.calendarDate(d)}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{p.note ? <UserText value={p.note} block /> : '—'}</td>
                <td>
                  <span className="nowrap">{fmt.dateTime(p.recordedAt)}</span>
                  {p.recordedBy && (
                    <span className="history-table__detail">
                      <UserText value={p.recordedBy === operator.id ? operator.displayName : p.recordedBy} />
                    </span>
                  )}
                  <span className="history-table__detail muted">{p.pendingSync ? t('forceMajeure.pendingSync') : t('forceMajeure.synced')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
