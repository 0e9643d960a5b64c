import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/router';
import { useErrorSentence } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { useSyncNow, useSyncStatus } from './sync-status';

/**
 * The header's sync status: online or offline (a shape and a word), ops waiting, the last successful sync in Kyiv
 * time, progress while a cycle runs, problems to look at, and «Синхронізувати».
 */
export function SyncIndicator({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentence = useErrorSentence();
  const status = useSyncStatus();
  const now = useSyncNow();
  const s = status.data;
  if (!s) return null;
  const problems = s.conflicts + s.quarantinedOps;
  const progress = s.progress;
  return (
    <div className="sync-indicator" data-testid="sync-indicator" data-online={s.online} data-syncing={s.syncing} data-pending={s.pendingOps}>
      <p className="sync-indicator__state" role="status">
        <span className={s.online ? 'sync-dot sync-dot--online' : 'sync-dot sync-dot--offline'} aria-hidden="true">
          {s.online ? '●' : '○'}
        </span>{' '}
        {s.online ? t('sync.online') : t('sync.offline')}
        {' · '}
        <span data-testid="sync-pending">{s.pendingOps === 0 ? t('sync.allSent') : t('sync.pending', { count: s.pendingOps })}</span>
        {' · '}
        {s.syncing && progress ? (
          <span data-testid="sync-progress">
            {t(`sync.phase.${progress.phase}`)}
            {progress.total !== null ? ` ${progress.done}/${progress.total}` : ` ${progress.done}`}
          </span>
        ) : (
          <span title={s.lastError ? sentence(s.lastError) : undefined}>
            {s.lastSuccessAt ? t('sync.lastSuccess', { at: fmt.dateTime(s.lastSuccessAt) }) : t('sync.never')}
            {s.lastError && <span className="sr-only"> {sentence(s.lastError)}</span>}
          </span>
        )}
      </p>
      {signedIn && problems > 0 && (
        <a className="sync-indicator__problems" href={routeHash({ name: 'sync' })} data-testid="sync-problems">
          <span aria-hidden="true">⚠ </span>
          {t('sync.problems', { count: problems })}
        </a>
      )}
      {now.error !== null && (
        <p className="sync-indicator__error" role="alert">
          {sentence(now.error)}
        </p>
      )}
      {signedIn && (
        <button type="button" className="button button--quiet-on-dark" data-testid="sync-now" disabled={now.busy || s.syncing} onClick={() => void now.syncNow()}>
          {now.busy || s.syncing ? t('sync.syncing') : t('sync.syncNow')}
        </button>
      )}
    </div>
  );
}
