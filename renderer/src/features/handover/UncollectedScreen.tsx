import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { UserText } from '../../components/UserText';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { useFormat } from '../../i18n/format';

/** Cards waiting at the center for the citizen longer than a number of days, the longest waiting first. */
export function UncollectedScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [daysText, setDaysText] = useState('');
  const days = useDebouncedValue(daysText.trim(), 300);
  const olderThanDays = /^\d{1,4}$/.test(days) ? Number(days) : undefined;
  const list = useQuery({
    queryKey: queryKeys.uncollected(olderThanDays ?? null),
    queryFn: () => api.call('handover.uncollected', olderThanDays === undefined ? {} : { olderThanDays }),
  });

  return (
    <ScreenFrame title={t('uncollected.title')} testId="uncollected-screen" lead={t('uncollected.lead')}>
      <label className="form-field form-field--inline">
        <span>{t('uncollected.olderThan')}</span>
        <input
          type="text"
          inputMode="numeric"
          data-testid="uncollected-days"
          value={daysText}
          placeholder={list.data ? String(list.data.olderThanDays) : ''}
          onChange={(e) => setDaysText(e.target.value)}
        />
      </label>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <p className="muted">{t('app.loading')}</p>}
      {list.data && (
        <>
          <p role="status" data-testid="uncollected-count">
            {t('uncollected.count', { count: list.data.items.length, days: list.data.olderThanDays })}
          </p>
          {list.data.items.length > 0 && (
            <table className="history-table work-table" data-testid="uncollected-table">
              <thead>
                <tr>
                  <th scope="col">{t('queue.columns.number')}</th>
                  <th scope="col">{t('queue.columns.applicant')}</th>
                  <th scope="col">{t('application.phone')}</th>
                  <th scope="col">{t('queue.columns.status')}</th>
                  <th scope="col">{t('uncollected.since')}</th>
                  <th scope="col">{t('uncollected.daysWaiting')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={item.applicationId} data-testid="uncollected-row">
                    <td>
                      <a href={routeHash({ name: 'application', id: item.applicationId })}>
                        <UserText value={item.number} />
                      </a>
                    </td>
                    <td className="table-text">
                      <UserText value={item.applicantName} />
                    </td>
                    <td className="nowrap">
                      <UserText value={item.phone} />
                    </td>
                    <td>{t(`status.${item.status}`)}</td>
                    <td className="nowrap">{fmt.date(item.since)}</td>
                    <td>{fmt.number(item.daysWaiting)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </ScreenFrame>
  );
}
