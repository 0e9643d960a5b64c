import { useCallback, useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SyncStatus } from '../../../../shared/api/sync';
import { adoptAnnounced, useAnnouncedStatus } from '../../api/announced-status';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { queueBlocks } from '../queue/queue-block-store';

/**
 * The sync status: read once, then kept current by 'sync.changed' events (see useSyncChangedEvents); an answer read
 * mid-cycle that arrives after the cycle's last event does not replace it.
 */
export function useSyncStatus() {
  return useAnnouncedStatus(queryKeys.syncStatus, () => api.call('sync.status', {}), { staleTime: 30_000, refetchInterval: 60_000 });
}

/** Takes a status the core sent (an event, or the answer to an action), unless the window already holds a newer one. */
export function adoptSyncStatus(queryClient: QueryClient, status: SyncStatus): void {
  adoptAnnounced(queryClient, queryKeys.syncStatus, status);
}

/**
 * Listens to 'sync.changed' (every phase, progress step and end) once for the window. A cycle's end also refreshes
 * what it may have changed: the queue's "awaiting sync" marks, conflicts, quarantine, the open application.
 */
export function useSyncChangedEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('sync.changed', (payload) => {
        const before = queryClient.getQueryData<typeof payload>(queryKeys.syncStatus);
        adoptSyncStatus(queryClient, payload);
        if (before?.syncing && !queryClient.getQueryData<typeof payload>(queryKeys.syncStatus)?.syncing) {
          queueBlocks.invalidate();
          for (const queryKey of [queryKeys.syncConflicts, queryKeys.syncQuarantine, queryKeys.workflowAll, queryKeys.countsAll]) void queryClient.invalidateQueries({ queryKey });
        }
      }),
    [queryClient],
  );
}

const LINK_UP_ATTEMPTS = 4;

/**
 * The network came back (the operating system says so through the window's 'online' event): the core tries the
 * central server at once instead of waiting out its backoff, which may have grown to minutes during a long outage.
 */
export function useLinkUpOnOnline(): void {
  useEffect(() => {
    // The event can come a moment before the network stack carries requests again, so a failed hint is tried a few
    // more times while the window stays online. Giving up changes nothing: the engine's own timer still runs.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hint = (attempt: number) => {
      api.call('sync.linkUp', {}).catch(() => {
        if (attempt >= LINK_UP_ATTEMPTS || !navigator.onLine) return;
        timer = setTimeout(() => hint(attempt + 1), 250 * 2 ** attempt);
      });
    };
    const onOnline = () => {
      clearTimeout(timer);
      hint(1);
    };
    window.addEventListener('online', onOnline);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
    };
  }, []);
}

/** «Синхронізувати»: one cycle now; the answer is the status after it (its error, if any, is in `lastError`). */
export function useSyncNow() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const syncNow = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      adoptSyncStatus(queryClient, await api.call('sync.now', {}));
      queueBlocks.invalidate();
      for (const queryKey of [queryKeys.syncConflicts, queryKeys.syncQuarantine, queryKeys.countsAll, queryKeys.workflowAll]) void queryClient.invalidateQueries({ queryKey });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, [queryClient]);
  return { syncNow, busy, error };
}
