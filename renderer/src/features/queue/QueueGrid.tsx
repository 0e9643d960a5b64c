import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow, SortColumn } from '../../../../shared/api/queue';
import { hasCommandModifier, shortcutLetter } from '../../app/keyboard';
import { useModalOpen } from '../../app/modal-layer';
import { COLUMNS, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { queueBlocks, queueQueryKey, type QueueQuery } from './queue-block-store';
import { queueView } from './queue-view-state';
import { QueueGridHeader } from './QueueGridHeader';
import { QueueGridRow, rowDomId } from './QueueGridRow';
import { useQueueSelection } from './queue-selection';
import { realHeight, realTopFor, realTopToShow, rowWindow, scrollTopFor, bodyHeight, type ScrollGeometry } from './scaled-scroll';

interface Props {
  query: QueueQuery;
  onSort: (column: SortColumn) => void;
  onOpen: (id: string, index: number) => void;
  gridRef: Ref<HTMLDivElement>;
}

/** Rows rendered beyond each edge of the view, so a short scroll shows rows at once. */
const OVERSCAN = 10;
/** From this grid width on the applicant's full name has room; below it the surname with initials is shown. */
const FULL_NAMES_WIDTH = 1240;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/**
 * Every matching application in one virtualized ARIA grid: the scroll height is header + total × row height
 * (scaled above a few million pixels, see scaled-scroll.ts), rows are fetched in blocks as they come into view. The grid itself holds focus; the selected row is its
 * active descendant.
 */
export function QueueGrid({ query, onSort, onOpen, gridRef }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const key = queueQueryKey(query);
  useSyncExternalStore(queueBlocks.subscribe, queueBlocks.getVersion);
  const active = queueBlocks.currentKey === key;
  const total = active ? queueBlocks.getTotal() : null;
  const count = total ?? 0;

  const selection = useQueueSelection();
  const [selected, setSelected] = useState(() => queueView.selectedIndex);
  const selectedIndex = count === 0 ? -1 : clamp(selected, 0, count - 1);

  useEffect(() => queueBlocks.setQuery(query), [query]);

  // A new filter or sort starts at the top; the first render keeps the restored position.
  const previousKey = useRef(key);
  useEffect(() => {
    if (previousKey.current === key) return;
    previousKey.current = key;
    setSelected(0);
    queueView.selectedIndex = 0;
    queueView.scrollTop = 0;
    queueView.realTop = null;
    anchor.current = null;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setView((v) => ({ ...v, scrollTop: 0 }));
  }, [key]);

  // The scroll position and the view's height, as last seen; the rows in view follow from them.
  const [view, setView] = useState(() => ({ scrollTop: queueView.scrollTop, height: 0, width: 0 }));
  // Where the rows were meant to be when the grid last scrolled itself (to bring a row into view): a scaled scroll
  // position is rounded to whole pixels, which can be several rows apart, so the intended real offset is kept as
  // long as the scroll position is the one it set.
  const anchor = useRef<{ scrollTop: number; realTop: number } | null>(
    queueView.realTop === null ? null : { scrollTop: queueView.scrollTop, realTop: queueView.realTop },
  );
  const geometry: ScrollGeometry = { total: count, rowHeight: ROW_HEIGHT, viewport: Math.max(0, view.height - HEADER_HEIGHT) };
  const anchored = anchor.current !== null && Math.abs(anchor.current.scrollTop - view.scrollTop) < 1;
  const realTop = anchored ? Math.min(anchor.current!.realTop, Math.max(0, realHeight(geometry) - geometry.viewport)) : realTopFor(view.scrollTop, geometry);
  const { first: firstIndex, last: lastIndex, shift } = rowWindow(view.scrollTop, realTop, geometry, OVERSCAN);
  const latest = useRef({ geometry, realTop });
  latest.current = { geometry, realTop };

  useEffect(() => {
    queueView.realTop = realTop;
  }, [realTop]);

  useEffect(() => {
    if (!active) return;
    // Until the total is known, the first block brings it.
    if (total === null) queueBlocks.ensureRange(0, 0);
    else if (lastIndex >= firstIndex) queueBlocks.ensureRange(firstIndex, lastIndex);
  });

  // Restore the scroll position (rows are cached, so the height is already right) and take the focus, with the
  // same row selected: the queue opens after sign-in and on every return (from an application, a decision, another
  // screen) ready for j, k and Enter. The view's height is watched from here on.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = queueView.scrollTop;
    if (anchor.current) anchor.current.scrollTop = el.scrollTop;
    setView({ scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    el.focus({ preventScroll: true });
    const observer = new ResizeObserver(() => setView({ scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A dialog or the lock screen closed and gave the focus back to nothing (what had it is gone, like the header's
  // lock button): the grid takes it again. Focus given back to a control of this screen stays there.
  const modalOpen = useModalOpen();
  useEffect(() => {
    const el = scrollRef.current;
    const focused = document.activeElement;
    if (!modalOpen && el && (!focused || focused === document.body)) el.focus({ preventScroll: true });
  }, [modalOpen]);

  const scrollIntoView = useCallback((index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const { geometry: g, realTop: current } = latest.current;
    const wanted = realTopToShow(index, current, g);
    if (wanted === current) return;
    el.scrollTop = scrollTopFor(wanted, g);
    anchor.current = { scrollTop: el.scrollTop, realTop: wanted };
    queueView.scrollTop = el.scrollTop;
    setView({ scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
  }, []);

  const select = useCallback(
    (index: number) => {
      setSelected(index);
      queueView.selectedIndex = index;
      scrollIntoView(index);
    },
    [scrollIntoView],
  );

  const activate = useCallback(
    (index: number, row: QueueRow) => {
      setSelected(index);
      queueView.selectedIndex = index;
      onOpen(row.id, index);
    },
    [onOpen],
  );

  /** Toggles a row; with `range`, picks every loaded row from the last toggled one to this one. */
  const pick = useCallback(
    (index: number, row: QueueRow, range: boolean) => {
      const anchor = selection.anchor;
      if (range && anchor !== null && anchor !== index) {
        const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
        const rows: QueueRow[] = [];
        for (let i = from; i <= to; i++) {
          const r = queueBlocks.rowAt(i);
          if (r) rows.push(r);
        }
        selection.pick(rows, index);
      } else {
        selection.toggle(row, index);
      }
      setSelected(index);
      queueView.selectedIndex = index;
    },
    [selection],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (hasCommandModifier(e) || count === 0 || e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const current = Math.max(0, selectedIndex);
    let next: number;
    const letter = e.shiftKey ? null : shortcutLetter(e);
    const key = letter === 'j' || letter === 'k' ? letter : e.key;
    switch (key) {
      case 'ArrowDown':
      case 'j':
        next = current + 1;
        break;
      case 'ArrowUp':
      case 'k':
        next = current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'PageDown':
        next = current + pageRows;
        break;
      case 'PageUp':
        next = current - pageRows;
        break;
      case ' ': {
        const row = queueBlocks.rowAt(current);
        e.preventDefault();
        if (row) pick(current, row, e.shiftKey);
        return;
      }
      case 'Escape':
        if (selection.size > 0) {
          e.preventDefault();
          selection.clear();
        }
        return;
      case 'Enter': {
        const row = queueBlocks.rowAt(current);
        if (row) {
          e.preventDefault();
          activate(current, row);
        }
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    select(clamp(next, 0, count - 1));
  };

  const selectedRendered = selectedIndex >= firstIndex && selectedIndex <= lastIndex && queueBlocks.rowAt(selectedIndex) !== undefined;
  const indexes: number[] = [];
  for (let i = firstIndex; i <= lastIndex; i++) indexes.push(i);

  const setRefs = (el: HTMLDivElement | null) => {
    scrollRef.current = el;
    if (typeof gridRef === 'function') gridRef(el);
    else if (gridRef) gridRef.current = el;
  };

  return (
    <div
      ref={setRefs}
      className={total === 0 ? 'queue-grid queue-grid--empty' : 'queue-grid'}
      role="grid"
      tabIndex={0}
      aria-label={t('queue.gridLabel')}
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-activedescendant={selectedRendered ? rowDomId(selectedIndex) : undefined}
      aria-busy={active && total === null ? true : undefined}
      data-testid="queue-grid"
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        queueView.scrollTop = el.scrollTop;
        setView({ scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
      }}
    >
      <QueueGridHeader sort={query.sort} onSort={onSort} />
      <div role="rowgroup" className="queue-grid__body" style={{ height: bodyHeight(geometry) }}>
        {indexes.map((index) => (
          <QueueGridRow
            key={index}
            index={index}
            row={active ? queueBlocks.rowAt(index) : undefined}
            selected={index === selectedIndex}
            picked={(active && selection.has(queueBlocks.rowAt(index)?.id ?? '')) || false}
            top={index * ROW_HEIGHT + shift}
            onActivate={activate}
            onPick={pick}
            fullNames={view.width >= FULL_NAMES_WIDTH}
          />
        ))}
      </div>
    </div>
  );
}
