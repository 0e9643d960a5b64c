import { useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { newerAnnounced, type Announced } from '../../../shared/api/announced';

/**
 * A status the core announces as events and answers as requests (the sync status, the update status): read once,
 * then kept current by its events. An answer and an event travel apart, so an answer read mid-cycle or mid-download
 * can arrive after a later event: the newer announcement is kept (shared/api/announced.ts).
 */
export function useAnnouncedStatus<T extends Announced>(queryKey: QueryKey, read: () => Promise<T>, timing: { staleTime: number; refetchInterval: number }) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey,
    queryFn: async () => {
      const answer = await read();
      // Compared with what the window holds when the answer arrives, not when it was asked for.
      return newerAnnounced(queryClient.getQueryData<T>(queryKey), answer);
    },
    ...timing,
  });
}

/** Takes a status the core sent (an event, or the answer to an action), unless the window already holds a newer one. */
export function adoptAnnounced<T extends Announced>(queryClient: QueryClient, queryKey: QueryKey, status: T): void {
  queryClient.setQueryData<T>(queryKey, (current) => newerAnnounced(current, status));
}
