import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/api/sync';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice, useErrorSentence } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useActionName } from './action-name';
import { adoptSyncStatus } from './sync-status';

/**
 * Actions the central server did not take (who won, what became of ours). The operator whose action it was, or a
 * supervisor, marks each as seen; the header then stops counting it, and the list keeps it behind a checkbox.
 */
export function ConflictList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentence = useErrorSentence();
  const actionName = useActionName();
  const queryClient = useQueryClient();
  const [includeAcknowledged, setIncludeAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const conflicts = useQuery({
    queryKey: queryKeys.syncConflictList(includeAcknowledged),
    queryFn: () => api.call('sync.conflicts', { limit: 500, includeAcknowledged }),
  });
  const mine = (conflicts.data?.conflicts ?? []).filter((c) => c.canAcknowledge);

  const acknowledge = async (items: readonly SyncConflict[]) => {
    setBusy(true);
    setError(null);
    try {
      const { status } = await api.call('sync.acknowledgeConflicts', { opIds: items.map((c) => c.opId) });
      adoptSyncStatus(queryClient, status);
      await queryClient.invalidateQueries({ queryKey: queryKeys.syncConflicts });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card--wide" aria-labelledby="conflicts-title" data-testid="sync-conflicts">
      <h2 id="conflicts-title" className="card__title">
        {t('sync.conflictsTitle')}
      </h2>
      <div className="form-actions">
        <label className="check-row">
          <input
            type="checkbox"
            data-testid="conflicts-include-acknowledged"
            checked={includeAcknowledged}
            onChange={(e) => setIncludeAcknowledged(e.target.checked)}
          />
          <span>{t('sync.includeAcknowledged')}</span>
        </label>
        {mine.length > 1 && (
          <button type="button" className="button button--small" data-testid="conflicts-acknowledge-all" disabled={busy} onClick={() => void acknowledge(mine)}>
            {t('sync.acknowledgeAll', { count: mine.length })}
          </button>
        )}
      </div>
      {conflicts.isError && <ErrorNotice error={conflicts.error} onRetry={() => void conflicts.refetch()} />}
      {error !== null && <ErrorNotice error={error} />}
      {conflicts.data && (
        <p role="status" data-testid="conflicts-open-count">
          {conflicts.data.total === 0 ? t('sync.noConflicts') : t('sync.openConflicts', { count: conflicts.data.total })}
        </p>
      )}
      {conflicts.data && conflicts.data.conflicts.length > 0 && (
        <table className="history-table work-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.number')}</th>
              <th scope="col">{t('sync.ourAction')}</th>
              <th scope="col">{t('sync.outcomeColumn')}</th>
              <th scope="col">{t('sync.winner')}</th>
              <th scope="col">{t('sync.serverStatus')}</th>
              <th scope="col">{t('sync.acknowledgedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.data.conflicts.map((c) => (
              <tr key={c.opId} data-testid="conflict-row" data-outcome={c.outcome} data-acknowledged={c.acknowledged !== null}>
                <td>
                  {c.applicationId ? (
                    <a href={routeHash({ name: 'application', id: c.applicationId })}>
                      <UserText value={c.applicationNumber ?? c.applicationId} />
                    </a>
                  ) : (
                    t('sync.centerScope')
                  )}
                </td>
                <td>
                  {actionName(c.action)}
                  <span className="history-table__detail">
                    <UserText value={c.operatorName ?? c.operatorId} /> · {fmt.dateTime(c.clientTime)}
                  </span>
                </td>
                <td>
                  {t(`sync.outcome.${c.outcome}`)}
                  {c.message && (
                    <span className="history-table__detail">
                      <UserText value={c.code ? sentence({ code: c.code, message: c.message }) : c.message} />
                    </span>
                  )}
                </td>
                <td>
                  {c.winner ? (
                    <UserText value={t('sync.winnerText', { operator: c.winner.operatorName ?? c.winner.operatorId ?? t('sync.unknownOperator'), workstation: c.winner.workstationId })} />
                  ) : (
                    '—'
                  )}
                </td>
                <td>{c.serverStatus ? t(`status.${c.serverStatus}`, { defaultValue: c.serverStatus }) : '—'}</td>
                <td>
                  {c.acknowledged ? (
                    <span data-testid="conflict-acknowledged">
                      <span className="nowrap">{fmt.dateTime(c.acknowledged.at)}</span>{' '}
                      <UserText value={c.acknowledged.operatorName ?? c.acknowledged.operatorId} />
                    </span>
                  ) : c.canAcknowledge ? (
                    <button type="button" className="button button--small" data-testid="conflict-acknowledge" disabled={busy} onClick={() => void acknowledge([c])}>
                      {t('sync.acknowledge')}
                    </button>
                  ) : (
                    <span className="muted">{t('sync.acknowledgedByAuthor')}</span>
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
