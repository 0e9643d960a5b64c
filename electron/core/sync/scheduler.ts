/**
 * Time as the sync engine sees it: a clock, one-shot timers and a random source. The core uses real timers; tests
 * step a `SteppedScheduler`, so backoff, debouncing, request timeouts and quarantine run on an injected clock and
 * never wait for real time (DESIGN.md section 4, determinism).
 */
export interface SyncScheduler {
  now(): number;
  /** Calls `fn` once after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** A number in [0, 1), for the jitter of the backoff. */
  random(): number;
}

export function realScheduler(now: () => number = () => Date.now()): SyncScheduler {
  return {
    now,
    after(ms, fn) {
      const timer = setTimeout(fn, Math.max(0, ms));
      // A pending retry must not keep a closing process alive.
      timer.unref?.();
      return () => clearTimeout(timer);
    },
    random: Math.random,
  };
}

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

/**
 * A scheduler a test steps by hand: `advance(ms)` moves the clock and fires the timers that fall due, in time
 * order. Random numbers come from a fixed-seed generator unless the test gives its own.
 */
export class SteppedScheduler implements SyncScheduler {
  private timers: Timer[] = [];
  private order = 0;
  private seed: number;

  constructor(
    private clock: number,
    seedOrRandom: number | (() => number) = 1,
  ) {
    this.seed = typeof seedOrRandom === 'number' ? seedOrRandom : 0;
    if (typeof seedOrRandom === 'function') this.random = seedOrRandom;
  }

  now(): number {
    return this.clock;
  }

  after(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.clock + Math.max(0, ms), order: this.order++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  random(): number {
    // mulberry32: small, fast and the same on every machine.
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Moves the clock by `ms`, firing every timer that falls due on the way (timers set by them included). */
  advance(ms: number): void {
    const target = this.clock + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.clock = Math.max(this.clock, due.at);
      due.fn();
    }
    this.clock = target;
  }

  /** Moves the clock without firing anything (a workstation clock that jumps). */
  setClock(at: number): void {
    this.clock = at;
  }

  /** When the next timer is due, or null. */
  nextTimerAt(): number | null {
    return this.timers.reduce<number | null>((m, t) => (m === null || t.at < m ? t.at : m), null);
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
