import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useErrorSentence } from '../../components/ErrorNotice';
import { useSyncStatus } from '../sync/sync-status';

export const READINESS_KEY = ['auth.readiness'] as const;

/**
 * Before anyone can sign in at a new workstation: operators arrive with the central server's reference data at the
 * end of the first sync. Until then this says so, and how far that sync has got (enrolled, applications received,
 * reference data), live from the sync status. Sign-in attempts meanwhile are refused without counting against
 * anyone. It disappears once operators are here.
 */
export function FirstSyncStatus() {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const readiness = useQuery({
    queryKey: READINESS_KEY,
    queryFn: () => api.call('auth.readiness', {}),
    refetchInterval: (q) => (q.state.data?.operatorsReady ? false : 5_000),
  });
  const sync = useSyncStatus().data;
  const progress = sync?.syncing ? sync.progress : null;
  // Every step of the first sync may have changed what there is to show.
  const { refetch } = readiness;
  useEffect(() => void refetch(), [refetch, sync?.syncing, sync?.lastSuccessAt, progress?.phase, progress?.done]);

  const r = readiness.data;
  if (!r || r.operatorsReady) return null;
  const step = (done: boolean) => (done ? t('session.firstSync.done') : t('session.firstSync.waiting'));
  return (
    <section className="first-sync card" aria-labelledby="first-sync-title" data-testid="first-sync" role="status">
      <h2 id="first-sync-title" className="card__title">
        {t('session.firstSync.title')}
      </h2>
      <p>{t('session.firstSync.lead')}</p>
      <ul className="first-sync__steps">
        <li data-testid="first-sync-enrolled" data-done={r.enrolled}>
          {t('session.firstSync.enrolled')}: {r.enrolled ? t('session.firstSync.done') : t('session.firstSync.needsCode')}
        </li>
        <li data-testid="first-sync-applications">
          {t('session.firstSync.applications', { count: r.applications ?? 0 })}
          {progress?.phase === 'pull' && <> ({t('session.firstSync.receiving', { done: progress.done })})</>}
        </li>
        <li data-testid="first-sync-reference" data-done={r.referenceLoaded}>
          {t('session.firstSync.reference')}: {progress?.phase === 'reference' ? t('session.firstSync.loading') : step(r.referenceLoaded)}
        </li>
        <li data-testid="first-sync-operators">{t('session.firstSync.operators', { count: r.operators })}</li>
      </ul>
      {r.referenceLoaded && r.operators === 0 && <p className="form-error">{t('session.firstSync.noOperators')}</p>}
      {sync?.lastError && !sync.syncing && <p className="muted">{t('session.firstSync.lastError', { reason: sentence(sync.lastError) })}</p>}
    </section>
  );
}
