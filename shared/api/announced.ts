import { z } from 'zod';

/**
 * A status the core both announces (an event) and answers (a request), as the sync status and the update status are.
 * The two travel apart, so a window can get them out of order: an answer read mid-cycle or mid-download may arrive
 * after a newer event. Each status says which of its announcer's announcements it is, and a window keeps the newer.
 */
export const AnnouncementRevisionSchema = z.object({
  /** Names the announcer: a restarted core's announcer starts counting again from 0 under a new name. */
  engine: z.string(),
  /** Grows with every change announced; a status read between two announcements carries the last one's number. */
  n: z.number().int().nonnegative(),
});
export type AnnouncementRevision = z.infer<typeof AnnouncementRevisionSchema>;

export interface Announced {
  revision: AnnouncementRevision;
}

/** The status to keep of two: `incoming`, unless `current` is a later announcement of the same announcer. */
export function newerAnnounced<T extends Announced>(current: T | undefined, incoming: T): T {
  if (current && current.revision.engine === incoming.revision.engine && current.revision.n > incoming.revision.n) return current;
  return incoming;
}
