import { queueBlocks } from './queue-block-store';
import { queueView } from './queue-view-state';

export interface QueueNeighbour {
  id: string;
  index: number;
}

/**
 * The application `step` places after (or before) `id` in the queue's current order, using the rows the queue
 * has cached and fetching a neighbouring block if needed. Nothing changes until `followNeighbour`.
 */
export async function peekNeighbour(id: string, step: 1 | -1): Promise<QueueNeighbour | undefined> {
  const index = queueBlocks.indexOf(id);
  if (index === -1) return undefined;
  const total = queueBlocks.getTotal();
  const target = index + step;
  if (target < 0 || (total !== null && target >= total)) return undefined;
  const row = await queueBlocks.loadRow(target);
  return row ? { id: row.id, index: target } : undefined;
}

/** The queue's selected row follows the application screen, so Esc lands on it. */
export function followNeighbour(n: QueueNeighbour): void {
  queueView.selectedIndex = n.index;
}

export async function queueNeighbour(id: string, step: 1 | -1): Promise<string | undefined> {
  const n = await peekNeighbour(id, step);
  if (n) followNeighbour(n);
  return n?.id;
}
