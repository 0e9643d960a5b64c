import type { QueueSort } from '../../../../shared/api/queue';
import type { DeadlineFilter, FacetFilter } from './facets';

/**
 * What the queue screen looked like when the administrator left it for an application: restored on the way back
 * (filters, search, sort, scroll position, selected row). It also tells the application screen where it is in
 * the queue's order, for next/previous.
 */
export interface QueueViewState {
  facets: FacetFilter;
  search: string;
  sort: QueueSort;
  scrollTop: number;
  /** The rows' own offset at that scroll position (they differ when the scroll range is scaled); null: follow scrollTop. */
  realTop: number | null;
  selectedIndex: number;
}

export const EMPTY_FACETS: FacetFilter = { statuses: [], deadline: [] as DeadlineFilter[], services: [], delivery: [] };

export const DEFAULT_SORT: QueueSort = { column: 'dueAt', direction: 'asc' };

export const queueView: QueueViewState = {
  facets: EMPTY_FACETS,
  search: '',
  sort: DEFAULT_SORT,
  scrollTop: 0,
  realTop: null,
  selectedIndex: 0,
};

/** Back to the queue's first look (a new operator signs in). */
export function resetQueueView(): void {
  Object.assign(queueView, { facets: EMPTY_FACETS, search: '', sort: DEFAULT_SORT, scrollTop: 0, realTop: null, selectedIndex: 0 });
}
