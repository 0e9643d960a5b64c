import { SORT_COLUMNS, type SortColumn } from '../../../../shared/api/queue';

/** Fixed heights: the grid's scroll height is exactly header + total × row. */
export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 40;

/** The grid's columns, in order; each is sortable (SORT_COLUMNS) and titled `queue.columns.<id>`. */
export const COLUMNS: readonly SortColumn[] = SORT_COLUMNS;
