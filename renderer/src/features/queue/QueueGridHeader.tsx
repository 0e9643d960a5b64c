import { useTranslation } from 'react-i18next';
import type { QueueSort, SortColumn } from '../../../../shared/api/queue';
import { COLUMNS } from './columns';

/** Column headers; each is a sort button, and the sorted one carries aria-sort. */
export function QueueGridHeader({ sort, onSort }: { sort: QueueSort; onSort: (column: SortColumn) => void }) {
  const { t } = useTranslation();
  return (
    <div role="rowgroup" className="queue-grid__head">
      <div role="row" className="grid-row grid-row--head" aria-rowindex={1}>
        <div role="columnheader" className="grid-cell grid-cell--head grid-cell--pick">
          <span className="sr-only">{t('selection.column')}</span>
        </div>
        {COLUMNS.map((column) => {
          const sorted = sort.column === column;
          const title = t(`queue.columns.${column}`);
          return (
            <div
              key={column}
              role="columnheader"
              className="grid-cell grid-cell--head"
              aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                className="sort-button"
                data-testid={`sort-${column}`}
                title={t('queue.sortBy', { column: title })}
                onClick={() => onSort(column)}
              >
                <span>{title}</span>
                <span className={sorted ? 'sort-arrow sort-arrow--active' : 'sort-arrow'} aria-hidden="true">
                  {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
