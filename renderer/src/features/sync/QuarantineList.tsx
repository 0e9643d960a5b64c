import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useActionName } from './action-name';
import { adoptSyncStatus } from './sync-status';

/** Ops held back after failing transiently for a day: shown with their error, pushed again only on request. */
export function QuarantineList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actionName = useActionName();
  const queryClient = useQueryClient();
  const quarantine = useQuery({ queryKey: queryKeys.syncQuarantine, queryFn: () => api.call('sync.quarantine', {}) });
  const [retrying, setRetrying] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const retry = async (opId: string) => {
    setRetrying(opId);
    setError(null);
    try {
      const { status } = await api.call('sync.retryQuarantined', { opId });
      adoptSyncStatus(queryClient, status);
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncQuarantine });
    } catch (err) {
      setError(err);
    } finally {
      setRetrying(null);
    }
  };

  return (
    <section className="card card--wide" aria-labelledby="quarantine-title" data-testid="sync-quarantine">
      <h2 id="quarantine-title" className="card__title">
        {t('sync.quarantineTitle')}
      </h2>
      {quarantine.isError && <ErrorNotice error={quarantine.error} onRetry={() => void quarantine.refetch()} />}
      {error !== null && <ErrorNotice error={error} />}
      {quarantine.data && quarantine.data.ops.length === 0 && <p className="muted">{t('sync.noQuarantine')}</p>}
      {quarantine.data && quarantine.data.ops.length > 0 && (
        <table className="history-table work-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.number')}</th>
              <th scope="col">{t('sync.ourAction')}</th>
              <th scope="col">{t('sync.attempts')}</th>
              <th scope="col">{t('sync.lastErrorColumn')}</th>
              <th scope="col">
                <span className="sr-only">{t('sync.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {quarantine.data.ops.map((op) => (
              <tr key={op.opId} data-testid="quarantine-row">
                <td>
                  {op.applicationId ? (
                    <a href={routeHash({ name: 'application', id: op.applicationId })}>
                      <UserText value={op.applicationNumber ?? op.applicationId} />
                    </a>
                  ) : (
                    t('sync.centerScope')
                  )}
                </td>
                <td>
                  {actionName(op.action)}
                  <span className="history-table__detail">{fmt.dateTime(op.clientTime)}</span>
                </td>
                <td>
                  {op.attempts}
                  {op.firstFailedAt && <span className="history-table__detail">{t('sync.failingSince', { at: fmt.dateTime(op.firstFailedAt) })}</span>}
                </td>
                <td>{op.lastError ? <UserText value={op.lastError} block /> : '—'}</td>
                <td>
                  <button type="button" className="button button--small" data-testid="quarantine-retry" disabled={retrying !== null} onClick={() => void retry(op.opId)}>
                    {t('sync.retry')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
