import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
import type { QueueFilter } from '../../../shared/api/queue';
import { api, ApiCallError } from './client';

/** Domain errors will not change on a retry; only a transport failure is worth one more try. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, err) => failures < 1 && err instanceof ApiCallError && err.code === 'transport',
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}

export const queryKeys = {
  session: ['session.info'] as const,
  countsAll: ['queue.counts'] as const,
  counts: (filter: QueueFilter) => ['queue.counts', filter] as const,
  applicationAll: ['application.get'] as const,
  application: (id: string) => ['application.get', id] as const,
  images: (id: string) => ['application.images', id] as const,
  auth: ['auth.current'] as const,
  settings: ['settings.get'] as const,
  workflowAll: ['application.workflow'] as const,
  workflow: (id: string) => ['application.workflow', id] as const,
  refusalReasons: ['reference.refusalReasons'] as const,
  forceMajeure: ['forceMajeure.list'] as const,
  printsAll: ['prints.history'] as const,
  prints: (id: string) => ['prints.history', id] as const,
  uncollected: (days: number | null) => ['handover.uncollected', days] as const,
  batches: ['shipping.batches'] as const,
  awaitingShipment: ['queue.page', 'awaiting_shipment'] as const,
  deliveryTargets: ['shipping.deliveryTargets'] as const,
  reviewAll: ['review.list'] as const,
  review: (includeResolved: boolean) => ['review.list', includeResolved] as const,
  syncStatus: ['sync.status'] as const,
  syncConflicts: ['sync.conflicts'] as const,
  syncConflictList: (includeAcknowledged: boolean) => ['sync.conflicts', includeAcknowledged] as const,
  syncQuarantine: ['sync.quarantine'] as const,
  updateStatus: ['updates.status'] as const,
};

export function useSessionInfo() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => api.call('session.info', {}), staleTime: 60_000 });
}

/** Workstation settings (the idle-lock minutes, the lockout rule); they change rarely. */
export function useConsoleSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api.call('settings.get', {}), staleTime: 5 * 60_000 });
}

export function useQueueCounts(filter: QueueFilter) {
  return useQuery({
    queryKey: queryKeys.counts(filter),
    queryFn: () => api.call('queue.counts', { filter }),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: queryKeys.application(id), queryFn: () => api.call('application.get', { id }) });
}

export function useApplicationImages(id: string) {
  return useQuery({
    queryKey: queryKeys.images(id),
    queryFn: () => api.call('application.images', { id }),
    staleTime: 5 * 60_000,
  });
}
