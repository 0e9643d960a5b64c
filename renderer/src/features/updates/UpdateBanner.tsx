import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../../shared/api/updates';
import { adoptAnnounced, useAnnouncedStatus } from '../../api/announced-status';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { isModalOpen, useModalOpen } from '../../app/modal-layer';
import { useErrorSentence } from '../../components/ErrorNotice';
import { decisionDrafts } from '../decision/decision-drafts';
import { useSyncStatus } from '../sync/sync-status';

/**
 * The update status: read once, then kept current by 'updates.changed'; an answer read mid-download that arrives
 * after the download's later events does not replace them.
 */
function useUpdateStatus() {
  const queryClient = useQueryClient();
  useEffect(() => api.on('updates.changed', (payload) => adoptAnnounced(queryClient, queryKeys.updateStatus, payload)), [queryClient]);
  return useAnnouncedStatus(queryKeys.updateStatus, () => api.call('updates.status', {}), { staleTime: 60_000, refetchInterval: 5 * 60_000 });
}

/**
 * What the console's updater is doing, on every screen: a download in the background, an update waiting for the
 * console to close (with the operations that wait to be sent, which the update keeps), or a failed download. "Restart
 * now" is offered only when no dialog is open and no decision is half made; the core checks the same again.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const status = useUpdateStatus().data;
  const pending = useSyncStatus().data?.pendingOps ?? 0;
  const modalOpen = useModalOpen();
  const [restart, setRestart] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  if (!status || !shown(status)) return null;

  const restartNow = async () => {
    setRestart({ busy: true, error: null });
    try {
      await api.call('updates.restartNow', { dialogOpen: isModalOpen(), unsavedDecision: decisionDrafts.hasUnsavedWork() });
    } catch (error) {
      setRestart({ busy: false, error });
    }
  };

  return (
    <div className={`update-banner update-banner--${status.phase}`} role="status" data-testid="update-banner" data-phase={status.phase}>
      {status.phase === 'downloading' && <p>{t('updates.downloading', { version: status.availableVersion, percent: status.progressPercent ?? 0 })}</p>}
      {status.phase === 'ready' && (
        <>
          <p>
            {t('updates.ready', { version: status.readyVersion })}{' '}
            <span data-testid="update-waiting">{pending > 0 ? t('updates.waitingOps', { count: pending }) : t('updates.nothingWaiting')}</span>
          </p>
          <button type="button" className="button button--quiet-on-dark" data-testid="update-restart" disabled={restart.busy || modalOpen} onClick={() => void restartNow()}>
            {restart.busy ? t('updates.restarting') : t('updates.restartNow')}
          </button>
          {restart.error !== null && (
            <p role="alert" data-testid="update-restart-error">
              {sentence(restart.error)}
            </p>
          )}
        </>
      )}
      {status.phase === 'failed' && (
        <p>{t('updates.failed', { version: status.availableVersion, reason: status.lastError?.code === 'ERR_CHECKSUM_MISMATCH' ? t('updates.checksumMismatch') : t('updates.downloadCut') })}</p>
      )}
    </div>
  );
}

/** A failed check (offline, routine) shows nothing; a failed download of a found version does. */
function shown(s: UpdateStatus): boolean {
  if (s.phase === 'downloading' || s.phase === 'ready') return true;
  return s.phase === 'failed' && s.availableVersion !== null;
}
