import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice, useErrorSentence } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useActionName } from './action-name';
import { EnrolmentCard } from './EnrolmentCard';
import { QuarantineList } from './QuarantineList';
import { useSyncNow, useSyncStatus } from './sync-status';

/**
 * What sync could not do, so nothing is silently dropped: actions the central server did not take (who won, what
 * became of ours) and ops held in quarantine after failing for a day, each with a retry.
 */
export function SyncScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentence = useErrorSentence();
  const actionName = useActionName();
  const status = useSyncStatus();
  const now = useSyncNow();
  const conflicts = useQuery({ queryKey: queryKeys.syncConflicts, queryFn: () => api.call('sync.conflicts', { limit: 500 }) });
  const s = status.data;

  return (
    <ScreenFrame title={t('sync.title')} testId="sync-screen" lead={t('sync.lead')}>
      {s && (
        <p data-testid="sync-summary">
          {t('sync.summary', { pending: s.pendingOps, quarantined: s.quarantinedOps, conflicts: s.conflicts })}{' '}
          {s.lastError && <span className="warning-text">{sentence(s.lastError)}</span>}
        </p>
      )}
      <button type="button" className="button" data-testid="sync-screen-now" disabled={now.busy || s?.syncing} onClick={() => void now.syncNow()}>
        {t('sync.syncNow')}
      </button>
      {now.error !== null && <ErrorNotice error={now.error} />}
      <section className="card card--wide" aria-labelledby="conflicts-title" data-testid="sync-conflicts">
        <h2 id="conflicts-title" className="card__title">
          {t('sync.conflictsTitle')}
        </h2>
        {conflicts.isError && <ErrorNotice error={conflicts.error} onRetry={() => void conflicts.refetch()} />}
        {conflicts.data && conflicts.data.conflicts.length === 0 && <p className="muted">{t('sync.noConflicts')}</p>}
        {conflicts.data && conflicts.data.conflicts.length > 0 && (
          <table className="history-table work-table">
            <thead>
              <tr>
                <th scope="col">{t('queue.columns.number')}</th>
                <th scope="col">{t('sync.ourAction')}</th>
                <th scope="col">{t('sync.outcomeColumn')}</th>
                <th scope="col">{t('sync.winner')}</th>
                <th scope="col">{t('sync.serverStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.data.conflicts.map((c) => (
                <tr key={c.opId} data-testid="conflict-row" data-outcome={c.outcome}>
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
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <QuarantineList />
      <EnrolmentCard />
    </ScreenFrame>
  );
}
