/**
 * Calls `onIdle` once when `limitMs` pass with no `activity()`. One timer at a time, re-armed lazily: activity only
 * records the time, so a moving mouse costs nothing. Uses the page's Date and setTimeout, so a test clock drives it.
 */
export class IdleWatch {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private fired = false;

  constructor(
    private readonly limitMs: number,
    private readonly onIdle: () => void,
  ) {
    this.arm(limitMs);
  }

  activity(): void {
    if (this.fired) return;
    this.last = Date.now();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.fired = true;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(0, ms));
  }

  private check(): void {
    this.timer = null;
    if (this.fired) return;
    const idle = Date.now() - this.last;
    if (idle >= this.limitMs) {
      this.fired = true;
      this.onIdle();
    } else {
      this.arm(this.limitMs - idle);
    }
  }
}
