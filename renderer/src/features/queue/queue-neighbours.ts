import { queueBlocks } from './queue-block-store';
import { queueView } from './queue-view-state';

/**
 * The application `step` places after (or before) `id` in the queue's current order, using the rows the queue
 * has cached and fetching a neighbouring block if needed. The queue's selected row follows, so Esc lands on it.
 */
export async function queueNeighbour(id: string, step: 1 | -1): Promise<string | undefined> {
  const index = queueBlocks.indexOf(id);
  if (index === -1) return undefined;
  const total = queueBlocks.getTotal();
  const target = index + step;
  if (target < 0 || (total !== null && target >= total)) return undefined;
  const row = await queueBlocks.loadRow(target);
  if (!row) return undefined;
  queueView.selectedIndex = target;
  queueView.returning = true;
  return row.id;
}
