import { randomUUID } from 'node:crypto';
import type { AnnouncementRevision } from '../../shared/api/announced';

/**
 * Counts what a part of the core announces (the sync engine's statuses, the updater's), so every status it gives,
 * announced or answered, says which announcement it is (shared/api/announced.ts): a window keeps the newer of two.
 */
export class AnnouncementCounter {
  private readonly engine = randomUUID();
  private n = 0;

  /** A change is about to be announced: the status built next carries a higher number than any before it. */
  next(): void {
    this.n++;
  }

  current(): AnnouncementRevision {
    return { engine: this.engine, n: this.n };
  }
}
