import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';

/** Batches newest first; the contract has no call for one batch, so a batch screen finds its own in this list. */
export function useBatches() {
  return useQuery({ queryKey: queryKeys.batches, queryFn: () => api.call('shipping.batches', { includeShipped: true, limit: 500 }) });
}

/** Cards awaiting shipment (at most 500 on the screen at once). */
export function useAwaitingShipment() {
  return useQuery({
    queryKey: queryKeys.awaitingShipment,
    queryFn: () => api.call('queue.page', { filter: { statuses: ['awaiting_shipment'] }, sort: { column: 'number', direction: 'asc' }, limit: 500 }),
  });
}

export function refreshShipping(queryClient: QueryClient): void {
  for (const queryKey of [queryKeys.batches, queryKeys.awaitingShipment, queryKeys.deliveryTargets, queryKeys.countsAll]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}
