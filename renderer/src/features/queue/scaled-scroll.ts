/**
 * The grid's scroll range, scaled when the rows would be taller than a browser lets an element be.
 *
 * Chromium stops an element at 2^25 px (about 33.5 million, some 930,000 rows of 36 px); other engines stop
 * earlier. Below MAX_SCROLL_HEIGHT the body is exactly total × row height and a scroll position is a row
 * position. Above it the body is MAX_SCROLL_HEIGHT tall and the scroll position maps linearly onto the rows'
 * position ("real" offset), so the first and the last scroll positions show the first and the last rows; the rows
 * in view are placed at their real offset less the real top, plus the scroll position, so they move with the
 * scroll as usual.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ScrollGeometry {
  /** Rows in the grid. */
  total: number;
  rowHeight: number;
  /** Height of the part of the scroll container where rows show (its client height less the sticky header). */
  viewport: number;
}

/** Height of the rows as laid out (total × row height, up to the cap). */
export function bodyHeight(g: ScrollGeometry): number {
  return Math.min(g.total * g.rowHeight, MAX_SCROLL_HEIGHT);
}

/** Height the rows would have unscaled. */
export function realHeight(g: ScrollGeometry): number {
  return g.total * g.rowHeight;
}

export function isScaled(g: ScrollGeometry): boolean {
  return realHeight(g) > MAX_SCROLL_HEIGHT;
}

/** Real offset of the rows at the top of the view for a scroll position. */
export function realTopFor(scrollTop: number, g: ScrollGeometry): number {
  const maxReal = Math.max(0, realHeight(g) - g.viewport);
  if (!isScaled(g)) return Math.min(Math.max(0, scrollTop), maxReal);
  const maxScroll = Math.max(1, bodyHeight(g) - g.viewport);
  return Math.min(maxReal, Math.max(0, (scrollTop / maxScroll) * maxReal));
}

/** Scroll position that shows the rows from a real offset (the inverse of realTopFor). */
export function scrollTopFor(realTop: number, g: ScrollGeometry): number {
  const maxReal = Math.max(0, realHeight(g) - g.viewport);
  const clamped = Math.min(Math.max(0, realTop), maxReal);
  if (!isScaled(g)) return clamped;
  const maxScroll = Math.max(0, bodyHeight(g) - g.viewport);
  return maxReal === 0 ? 0 : (clamped / maxReal) * maxScroll;
}

/** The real offset that brings a row fully into view, moving as little as possible (or the same if it is in view). */
export function realTopToShow(index: number, realTop: number, g: ScrollGeometry): number {
  const top = index * g.rowHeight;
  if (top < realTop) return top;
  if (top + g.rowHeight > realTop + g.viewport) return top + g.rowHeight - g.viewport;
  return realTop;
}

export interface RowWindow {
  /** First and last row index to render (overscan included); last < first when there are no rows. */
  first: number;
  last: number;
  /** Added to a row's real offset (index × row height) gives its place inside the laid-out body. */
  shift: number;
}

export function rowWindow(scrollTop: number, realTop: number, g: ScrollGeometry, overscan: number): RowWindow {
  if (g.total === 0) return { first: 0, last: -1, shift: 0 };
  const first = Math.max(0, Math.floor(realTop / g.rowHeight) - overscan);
  const last = Math.min(g.total - 1, Math.ceil((realTop + g.viewport) / g.rowHeight) + overscan);
  return { first, last, shift: scrollTop - realTop };
}
