import { useSyncExternalStore } from 'react';

/**
 * How many modal layers (dialogs, the lock screen) are open. Screen shortcuts listen on the window, so a key
 * pressed while focus sits outside a dialog (on the page body behind the lock screen, say) must still not act
 * behind it: every shortcut handler asks `isModalOpen()` first.
 */
let open = 0;
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

/** Registers one open modal layer; call the returned function when it closes. */
export function openModalLayer(): () => void {
  open++;
  changed();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    open--;
    changed();
  };
}

export function isModalOpen(): boolean {
  return open > 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useModalOpen(): boolean {
  return useSyncExternalStore(subscribe, isModalOpen);
}
