import { code128, type DrawingContext, type RenderOptions } from 'bwip-js/browser';

/** A linear barcode as bars in module units: what a template draws as inline SVG (no markup strings, no canvas). */
export interface BarcodeBars {
  /** Width in modules, quiet zones included. */
  modules: number;
  bars: { x: number; width: number }[];
}

/** Code 128 needs ten modules of white either side to scan. */
export const QUIET_ZONE = 10;
/** bwip-js draws at this scale so that every bar edge falls on a whole unit. */
const SCALE = 2;

/** A bwip-js drawing context that keeps only the bars (Code 128 is bars and nothing else without its text). */
function barsDrawing(): DrawingContext<BarcodeBars> {
  const bars: BarcodeBars['bars'] = [];
  let width = 0;
  return {
    scale: () => null,
    measure: () => ({ width: 0, ascent: 0, descent: 0 }),
    init(w) {
      width = w;
    },
    line(x0, y0, x1, _y1, lw) {
      // Bars are vertical lines centred on x0; at an even scale their edges are whole units.
      if (x0 !== x1) return;
      const w = Math.round(lw) || 1;
      bars.push({ x: (x0 - w / 2) / SCALE + QUIET_ZONE, width: w / SCALE });
      void y0;
    },
    polygon() {},
    hexagon() {},
    ellipse() {},
    fill() {},
    text() {},
    end: () => ({ modules: width / SCALE + 2 * QUIET_ZONE, bars: bars.sort((a, b) => a.x - b.x) }),
  };
}

/** Code 128 bars for printable ASCII text; null for anything Code 128 cannot carry (the page then shows the text only). */
export function code128Bars(text: string): BarcodeBars | null {
  if (!text || !/^[\x20-\x7e]{1,80}$/.test(text)) return null;
  const options: RenderOptions = { bcid: 'code128', text, scale: SCALE, height: 10, includetext: false, paddingwidth: 0, paddingheight: 0 };
  try {
    return code128(options, barsDrawing());
  } catch {
    return null;
  }
}
