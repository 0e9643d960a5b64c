import { useEffect, useRef } from 'react';
import { IdleWatch } from './idle-watch';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Calls `onIdle` after `minutes` without keyboard, mouse or touch input; `null` minutes switches it off. */
export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (minutes === null || !(minutes > 0)) return;
    const watch = new IdleWatch(minutes * 60_000, () => latest.current());
    const activity = () => watch.activity();
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, activity, { capture: true, passive: true });
    return () => {
      watch.stop();
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, activity, { capture: true });
    };
  }, [minutes]);
}
