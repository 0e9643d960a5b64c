import { useEffect, useRef } from 'react';
import { IdleWatch } from './idle-watch';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `onIdle` after `minutes` without keyboard, mouse or touch input; `null` minutes switches it off. Each input
 * also goes to `onActivity` (which decides how often to tell the core).
 */
export function useIdleLock(minutes: number | null, onIdle: () => void, onActivity?: () => void): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  const active = useRef(onActivity);
  active.current = onActivity;
  useEffect(() => {
    if (minutes === null || !(minutes > 0)) return;
    const watch = new IdleWatch(minutes * 60_000, () => latest.current());
    const activity = () => {
      watch.activity();
      active.current?.();
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, activity, { capture: true, passive: true });
    return () => {
      watch.stop();
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, activity, { capture: true });
    };
  }, [minutes]);
}
