import { describe, expect, it } from 'vitest';
import { code128Bars, QUIET_ZONE } from './barcode';

/** Code 128: each symbol is 11 modules (3 bars, 3 spaces), the stop 13; bars never overlap. */
describe('Code 128 bars', () => {
  it('an application number is start, data, check and stop symbols with quiet zones', () => {
    const bars = code128Bars('2026-000001')!;
    expect(bars).not.toBeNull();
    const dataModules = bars.modules - 2 * QUIET_ZONE;
    expect((dataModules - 13) % 11).toBe(0);
    for (let i = 1; i < bars.bars.length; i++) {
      const prev = bars.bars[i - 1]!;
      expect(bars.bars[i]!.x).toBeGreaterThanOrEqual(prev.x + prev.width);
    }
    expect(bars.bars[0]!.x).toBe(QUIET_ZONE);
    const last = bars.bars[bars.bars.length - 1]!;
    expect(last.x + last.width).toBe(bars.modules - QUIET_ZONE);
  });

  it('a 13-digit tracking number fits in fewer modules than its text would in code set B', () => {
    const bars = code128Bars('0500101983180')!;
    expect(bars.modules - 2 * QUIET_ZONE).toBeLessThan(11 * 15 + 13);
  });

  it('text Code 128 cannot carry gives no barcode rather than a wrong one', () => {
    expect(code128Bars('')).toBeNull();
    expect(code128Bars('Шевченко')).toBeNull();
    expect(code128Bars('a'.repeat(81))).toBeNull();
  });
});
