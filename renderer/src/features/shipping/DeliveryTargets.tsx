import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';

/** Parcels with Ukrposhta against the delivery target (5 days after shipping): overdue in words, not colour alone. */
export function DeliveryTargets() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const targets = useQuery({ queryKey: queryKeys.deliveryTargets, queryFn: () => api.call('shipping.deliveryTargets', {}) });
  const data = targets.data;
  return (
    <section className="card card--wide" aria-labelledby="delivery-title" data-testid="delivery-targets">
      <h2 id="delivery-title" className="card__title">
        {data ? t('shipping.deliveryTitle', { count: data.targetDays }) : t('shipping.deliveryTitleLoading')}
      </h2>
      {targets.isError && <ErrorNotice error={targets.error} onRetry={() => void targets.refetch()} />}
      {data && data.items.length === 0 && <p className="muted">{t('shipping.noParcels')}</p>}
      {data && data.items.length > 0 && (
        <table className="history-table work-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.number')}</th>
              <th scope="col">{t('queue.columns.applicant')}</th>
              <th scope="col">{t('print.tracking')}</th>
              <th scope="col">{t('shipping.shippedColumn')}</th>
              <th scope="col">{t('shipping.dueOn')}</th>
              <th scope="col">{t('shipping.state')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.applicationId} data-testid="delivery-row" data-overdue={item.overdue}>
                <td>
                  <a href={routeHash({ name: 'application', id: item.applicationId })}>
                    <UserText value={item.number} />
                  </a>
                </td>
                <td className="table-text">
                  <UserText value={item.applicantName} />
                </td>
                <td className="nowrap">{item.tracking ?? '—'}</td>
                <td className="nowrap">{fmt.date(item.shippedAt)}</td>
                <td className="nowrap">{fmt.calendarDate(item.dueOn)}</td>
                <td className={item.overdue ? 'deadline--overdue' : undefined}>
                  {item.overdue ? (
                    <>
                      <span aria-hidden="true">✗ </span>
                      {t('shipping.overdueBy', { count: -item.daysLeft })}
                    </>
                  ) : (
                    t('shipping.daysLeft', { count: item.daysLeft })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
