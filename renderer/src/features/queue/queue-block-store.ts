import type { QueueFilter, QueuePage, QueueRow, QueueSort } from '../../../../shared/api/queue';
import { api } from '../../api/client';

/** Rows fetched per `queue.page` call. */
export const BLOCK_SIZE = 100;
/** Blocks kept in memory (least recently used go first), so scrolling 200,000 rows end to end stays small. */
const MAX_BLOCKS = 150;

export interface QueueQuery {
  filter: QueueFilter;
  sort: QueueSort;
}

/** A stable key for a query: the same filter ticked in another order is the same query. */
export function queueQueryKey(q: QueueQuery): string {
  const f = q.filter;
  return JSON.stringify([
    [...f.statuses].sort(),
    [...f.deadline].sort(),
    [...f.services].sort(),
    [...f.delivery].sort(),
    f.search,
    f.report ?? null,
    q.sort.column,
    q.sort.direction,
  ]);
}

type PageLoader = (query: QueueQuery, offset: number, limit: number) => Promise<QueuePage>;

interface Block {
  rows: QueueRow[];
  generation: number;
}

/**
 * The queue's rows for one filter and sort, cached in blocks of BLOCK_SIZE as the grid scrolls to them.
 * `invalidate()` (a 'queue.changed' event) marks every block stale: stale rows stay on screen until the visible
 * blocks are fetched again, and blocks out of view are fetched when they come into view.
 */
export class QueueBlockStore {
  private query: QueueQuery | null = null;
  private key = '';
  private blocks = new Map<number, Block>();
  private inflight = new Map<number, { generation: number; promise: Promise<void> }>();
  private generation = 0;
  private total: number | null = null;
  private error: unknown = null;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly load: PageLoader) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever anything readable here changed (for useSyncExternalStore). */
  readonly getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  get currentKey(): string {
    return this.key;
  }

  /** Switches to another filter or sort; the cache of the previous one is dropped. */
  setQuery(query: QueueQuery): void {
    const key = queueQueryKey(query);
    if (key === this.key) return;
    this.key = key;
    this.query = query;
    this.blocks.clear();
    this.inflight.clear();
    this.total = null;
    this.error = null;
    this.generation++;
    this.changed();
  }

  getTotal(): number | null {
    return this.total;
  }

  getError(): unknown {
    return this.error;
  }

  rowAt(index: number): QueueRow | undefined {
    return this.blocks.get(Math.floor(index / BLOCK_SIZE))?.rows[index % BLOCK_SIZE];
  }

  /** Index of a loaded row by application id, or -1. */
  indexOf(id: string): number {
    for (const [b, block] of this.blocks) {
      const i = block.rows.findIndex((r) => r.id === id);
      if (i !== -1) return b * BLOCK_SIZE + i;
    }
    return -1;
  }

  /** Fetches every block covering rows `from..to` that is missing or stale; keeps them as most recently used. */
  ensureRange(from: number, to: number): void {
    if (!this.query || this.error !== null) return;
    const first = Math.max(0, Math.floor(from / BLOCK_SIZE));
    const last = Math.floor(Math.max(from, to) / BLOCK_SIZE);
    for (let b = first; b <= last; b++) {
      const block = this.blocks.get(b);
      if (block) {
        this.blocks.delete(b);
        this.blocks.set(b, block);
      }
      if (block?.generation === this.generation) continue;
      if (this.inflight.get(b)?.generation === this.generation) continue;
      void this.fetchBlock(b);
    }
  }

  /** The row at an index, fetching its block if needed (the application screen's next/previous). */
  async loadRow(index: number): Promise<QueueRow | undefined> {
    if (index < 0) return undefined;
    const have = this.rowAt(index);
    if (have) return have;
    if (!this.query) return undefined;
    const b = Math.floor(index / BLOCK_SIZE);
    await (this.inflight.get(b)?.promise ?? this.fetchBlock(b));
    return this.rowAt(index);
  }

  /** Marks every cached block stale (the data changed in the core). */
  invalidate(): void {
    this.generation++;
    this.changed();
  }

  /** Forgets the query and every row (sign-out): nothing of the last operator's queue stays in memory. */
  reset(): void {
    this.query = null;
    this.key = '';
    this.blocks.clear();
    this.inflight.clear();
    this.total = null;
    this.error = null;
    this.generation++;
    this.changed();
  }

  /** Clears an error and fetches again. */
  retry(): void {
    this.error = null;
    this.invalidate();
  }

  private fetchBlock(b: number): Promise<void> {
    const { key, generation } = this;
    const query = this.query!;
    const promise = (async () => {
      try {
        const page = await this.load(query, b * BLOCK_SIZE, BLOCK_SIZE);
        if (key !== this.key) return;
        if ((this.blocks.get(b)?.generation ?? -1) > generation) return; // a newer answer already arrived
        this.blocks.delete(b);
        this.blocks.set(b, { rows: page.rows, generation });
        this.total = page.total;
        this.evict();
      } catch (err) {
        if (key !== this.key) return;
        this.error = err;
      } finally {
        if (this.inflight.get(b)?.generation === generation && key === this.key) this.inflight.delete(b);
      }
      this.changed();
    })();
    this.inflight.set(b, { generation, promise });
    return promise;
  }

  private evict(): void {
    for (const b of this.blocks.keys()) {
      if (this.blocks.size <= MAX_BLOCKS) break;
      this.blocks.delete(b);
    }
  }
}

/** The one queue cache of the window; it outlives the queue screen so that coming back is instant. */
export const queueBlocks = new QueueBlockStore((query, offset, limit) =>
  api.call('queue.page', { filter: query.filter, sort: query.sort, offset, limit }),
);
