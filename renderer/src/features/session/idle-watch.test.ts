import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch } from './idle-watch';

const MIN = 60_000;

describe('idle lock timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once after the configured minutes without input', () => {
    const onIdle = vi.fn();
    new IdleWatch(10 * MIN, onIdle);
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('input postpones the lock to the configured minutes after the last input', () => {
    const onIdle = vi.fn();
    const watch = new IdleWatch(10 * MIN, onIdle);
    vi.advanceTimersByTime(9 * MIN);
    watch.activity();
    vi.advanceTimersByTime(9 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a stopped watch never locks', () => {
    const onIdle = vi.fn();
    const watch = new IdleWatch(MIN, onIdle);
    watch.stop();
    vi.advanceTimersByTime(10 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
