import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFilter, QueueSort, SortColumn } from '../../../../shared/api/queue';
import { useQueueCounts } from '../../api/queries';
import { hasCommandModifier, isTypingTarget, useLetterShortcuts } from '../../app/keyboard';
import { isModalOpen } from '../../app/modal-layer';
import { navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { useFormat } from '../../i18n/format';
import type { FacetFilter } from './facets';
import { queueBlocks, queueQueryKey } from './queue-block-store';
import { EMPTY_FACETS, queueView } from './queue-view-state';
import { QueueFilters } from './QueueFilters';
import { QueueGrid } from './QueueGrid';
import { QueueSearch } from './QueueSearch';
import { PrintChooser } from '../print/PrintChooser';
import { useQueueSelection } from './queue-selection';
import { SelectionBar } from './SelectionBar';
import { DrillBanner } from './DrillBanner';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { DRILL_SORT } from '../../../../shared/reports/drill';

const SEARCH_DEBOUNCE_MS = 200;

/** The incoming queue: facet filters with exact counts, search, and the grid of every matching application. */
export function QueueScreen({ drill }: { drill?: ReportDrill } = {}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // A report's list starts from the whole figure: no facet or search of an earlier visit narrows it.
  const [facets, setFacets] = useState<FacetFilter>(() => (drill ? EMPTY_FACETS : queueView.facets));
  const [searchText, setSearchText] = useState(() => (drill ? '' : queueView.search));
  // …and it opens in the order a figure's list is read fastest at any size (shared/reports/links.ts).
  const [sort, setSort] = useState<QueueSort>(() => (drill ? DRILL_SORT : queueView.sort));
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const selection = useQueueSelection();
  const [choosing, setChoosing] = useState(false);
  useLetterShortcuts({ p: selection.size > 0 ? () => setChoosing(true) : undefined });

  const filter: QueueFilter = useMemo(() => ({ ...facets, search, ...(drill ? { report: drill } : {}) }), [facets, search, drill]);
  const query = useMemo(() => ({ filter, sort }), [filter, sort]);
  const counts = useQueueCounts(filter);

  useEffect(() => {
    if (drill) return;
    queueView.facets = facets;
    queueView.search = searchText;
    queueView.sort = sort;
  }, [facets, searchText, sort, drill]);

  useEffect(() => {
    document.title = `${t('queue.title')} — ${t('app.productName')}`;
  }, [t]);

  // `/` goes to the search box from anywhere on this screen except a text field.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModalOpen() || e.defaultPrevented || hasCommandModifier(e)) return;
      if (e.key === '/' && !isTypingTarget(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onSort = useCallback((column: SortColumn) => {
    setSort((s) => (s.column === column ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' }));
  }, []);

  const onOpen = useCallback((id: string) => {
    navigate({ name: 'application', id });
  }, []);

  useSyncExternalStore(queueBlocks.subscribe, queueBlocks.getVersion);
  const active = queueBlocks.currentKey === queueQueryKey(query);
  const total = active ? queueBlocks.getTotal() : null;
  const error = active ? queueBlocks.getError() : null;

  return (
    <div className="queue-layout">
      <nav className="queue-layout__filters" aria-label={t('queue.filtersLabel')}>
        <QueueFilters
          facets={facets}
          counts={counts.data}
          onChange={setFacets}
          onClear={() => setFacets(EMPTY_FACETS)}
        />
        {counts.isError && <ErrorNotice error={counts.error} onRetry={() => void counts.refetch()} />}
      </nav>
      <main id="main" className="queue-layout__main">
        <div className="queue-toolbar">
          <h1 className="queue-toolbar__title">{t('queue.title')}</h1>
          <QueueSearch ref={searchRef} value={searchText} onChange={setSearchText} onEscape={() => gridRef.current?.focus()} />
          <p className="queue-toolbar__total" data-testid="queue-total" role="status">
            {total !== null ? t('queue.total', { total: fmt.number(total) }) : error === null ? t('queue.totalLoading') : ''}
          </p>
        </div>
        {drill && <DrillBanner drill={drill} />}
        <SelectionBar onPrint={() => setChoosing(true)} />
        {choosing && <PrintChooser ids={selection.ids()} onClose={() => setChoosing(false)} />}
        {error !== null ? (
          <ErrorNotice error={error} onRetry={() => queueBlocks.retry()} />
        ) : (
          <>
            <QueueGrid query={query} onSort={onSort} onOpen={onOpen} gridRef={gridRef} />
            {total === 0 && (
              <div className="queue-empty">
                <p>{t('queue.empty')}</p>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setFacets(EMPTY_FACETS);
                    setSearchText('');
                  }}
                >
                  {t('queue.clearFilters')}
                </button>
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}
