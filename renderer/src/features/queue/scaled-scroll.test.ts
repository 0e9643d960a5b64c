import { describe, expect, it } from 'vitest';
import { bodyHeight, isScaled, MAX_SCROLL_HEIGHT, realTopFor, realTopToShow, rowWindow, scrollTopFor } from './scaled-scroll';

const ROW = 36;
const geometry = (total: number, viewport = 700) => ({ total, rowHeight: ROW, viewport });

describe('scaled scroll range', () => {
  it('is the rows themselves below the cap: a scroll position is a row position', () => {
    const g = geometry(200_000);
    expect(isScaled(g)).toBe(false);
    expect(bodyHeight(g)).toBe(200_000 * ROW);
    expect(realTopFor(36_000, g)).toBe(36_000);
    expect(scrollTopFor(36_000, g)).toBe(36_000);
    expect(rowWindow(36_000, 36_000, g, 0)).toEqual({ first: 1000, last: 1000 + Math.ceil(700 / ROW), shift: 0 });
  });

  it('stays under the cap (below every browser limit on element height) at 2,000,000 rows', () => {
    const g = geometry(2_000_000);
    expect(isScaled(g)).toBe(true);
    expect(bodyHeight(g)).toBe(MAX_SCROLL_HEIGHT);
    expect(MAX_SCROLL_HEIGHT).toBeLessThan(2 ** 25);
  });

  it('maps the first and last scroll positions onto the first and last rows', () => {
    const g = geometry(2_000_000);
    const maxScroll = MAX_SCROLL_HEIGHT - g.viewport;
    expect(realTopFor(0, g)).toBe(0);
    expect(realTopFor(maxScroll, g)).toBe(2_000_000 * ROW - g.viewport);
    const end = rowWindow(maxScroll, realTopFor(maxScroll, g), g, 10);
    expect(end.last).toBe(1_999_999);
    // The last row's bottom is the laid-out body's bottom: nothing is cut off or left blank below it.
    expect(1_999_999 * ROW + end.shift + ROW).toBeCloseTo(MAX_SCROLL_HEIGHT, 6);
  });

  it('round-trips a real offset through a scroll position', () => {
    const g = geometry(1_234_567);
    for (const real of [0, 1, 36 * 1000, 36 * 999_999, 1_234_567 * ROW - g.viewport]) {
      expect(realTopFor(scrollTopFor(real, g), g)).toBeCloseTo(real, 3);
    }
  });

  it('moves as little as possible to bring a row into view', () => {
    const g = geometry(2_000_000);
    expect(realTopToShow(5, 0, g)).toBe(0);
    expect(realTopToShow(1_999_999, 0, g)).toBe(2_000_000 * ROW - g.viewport);
    expect(realTopToShow(10, 36 * 100, g)).toBe(360);
  });

  it('renders nothing for an empty queue', () => {
    expect(rowWindow(0, 0, geometry(0), 10)).toEqual({ first: 0, last: -1, shift: 0 });
  });
});
