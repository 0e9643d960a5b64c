import { useSyncExternalStore } from 'react';

/**
 * Applications picked in the queue for one print job (Space, a click on the box, Ctrl-click, Shift-click for a
 * range). Kept apart from the grid's cursor row: picking is for batches, the cursor for opening one.
 */
export class QueueSelection {
  private picked = new Map<string, string>();
  private version = 0;
  private readonly listeners = new Set<() => void>();
  /** The last row toggled, where a Shift-click range starts. */
  anchor: number | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  has(id: string): boolean {
    return this.picked.has(id);
  }

  get size(): number {
    return this.picked.size;
  }

  /** Picked application ids, in the order they were picked. */
  ids(): string[] {
    return [...this.picked.keys()];
  }

  toggle(row: { id: string; number: string }, index: number | null = null): void {
    if (this.picked.has(row.id)) this.picked.delete(row.id);
    else this.picked.set(row.id, row.number);
    this.anchor = index;
    this.changed();
  }

  /** Picks every row given (a Shift-click range); already picked ones stay. */
  pick(rows: readonly { id: string; number: string }[], anchor: number | null = null): void {
    for (const r of rows) this.picked.set(r.id, r.number);
    this.anchor = anchor;
    this.changed();
  }

  clear(): void {
    if (this.picked.size === 0 && this.anchor === null) return;
    this.picked.clear();
    this.anchor = null;
    this.changed();
  }
}

export const queueSelection = new QueueSelection();

/** Re-renders when the selection changes. */
export function useQueueSelection(): QueueSelection {
  useSyncExternalStore(queueSelection.subscribe, queueSelection.getVersion);
  return queueSelection;
}
