import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/api/auth';
import type { ReviewItem } from '../../../../shared/api/paperwork';
import { can } from '../../../../shared/domain/operators';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { ResolveDialog } from './ResolveDialog';

/** The supervisor's review list: facts recorded in an odd order or status, each resolved with a note. */
export function ReviewScreen({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const allowed = can(operator.role, 'review.manage');
  const [includeResolved, setIncludeResolved] = useState(false);
  const [resolving, setResolving] = useState<ReviewItem | null>(null);
  const list = useQuery({
    queryKey: queryKeys.review(includeResolved),
    queryFn: () => api.call('review.list', { includeResolved, limit: 1000 }),
    enabled: allowed,
  });

  return (
    <ScreenFrame title={t('review.title')} testId="review-screen" lead={t('review.lead')}>
      {!allowed && <p className="notice">{t('review.supervisorsOnly')}</p>}
      {allowed && (
        <>
          <label className="check-row">
            <input type="checkbox" data-testid="review-include-resolved" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />
            <span>{t('review.includeResolved')}</span>
          </label>
          {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
          {list.isPending && <p className="muted">{t('app.loading')}</p>}
          {list.data && (
            <p role="status" data-testid="review-open-count">
              {t('review.open', { count: list.data.open })}
            </p>
          )}
          {list.data && list.data.items.length > 0 && (
            <table className="history-table work-table" data-testid="review-table">
              <thead>
                <tr>
                  <th scope="col">{t('queue.columns.number')}</th>
                  <th scope="col">{t('review.fact')}</th>
                  <th scope="col">{t('review.reason')}</th>
                  <th scope="col">{t('review.recorded')}</th>
                  <th scope="col">{t('review.statuses')}</th>
                  <th scope="col">{t('review.resolution')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={item.id} data-testid="review-row" data-id={item.id} data-resolved={item.resolved !== null}>
                    <td>
                      <a href={routeHash({ name: 'application', id: item.applicationId })}>
                        <UserText value={item.applicationNumber ?? item.applicationId} />
                      </a>
                    </td>
                    <td>{t(`review.factKind.${item.fact}`)}</td>
                    <td>{t(`factFlag.${item.reason}`)}</td>
                    <td>
                      <span className="nowrap">{fmt.dateTime(item.at)}</span>
                      <span className="history-table__detail">
                        <UserText value={item.operatorName ?? item.operatorId} />
                      </span>
                    </td>
                    <td>
                      {t(`status.${item.statusSeen}`)} → {t(`status.${item.statusAfter}`)}
                    </td>
                    <td>
                      {item.resolved ? (
                        <>
                          <span className="nowrap">{fmt.dateTime(item.resolved.at)}</span>{' '}
                          {item.resolved.settledByCentral ? (
                            <span data-testid="review-settled-by-central">
                              {t('review.settledByCentral')}
                              <span className="history-table__detail">{t('review.settledNote')}</span>
                            </span>
                          ) : (
                            <>
                              <UserText value={item.resolved.operatorName ?? item.resolved.operatorId ?? ''} />
                              <UserText value={item.resolved.note} block />
                            </>
                          )}
                        </>
                      ) : (
                        <button type="button" className="button button--small" data-testid="review-resolve" onClick={() => setResolving(item)}>
                          {t('review.resolve')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {resolving && (
        <ResolveDialog
          item={resolving}
          onClose={() => setResolving(null)}
          onResolved={() => {
            setResolving(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.reviewAll });
          }}
        />
      )}
    </ScreenFrame>
  );
}
