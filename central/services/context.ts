import type { CentralStore } from '../store/store';

/**
 * What every central service is built from: the store and the server's clock (injected, so tests move time). A new
 * service takes this (or a `Pick` of the services container) in its constructor and opens its own transactions with
 * `store.write`.
 */
export interface CentralContext {
  readonly store: CentralStore;
  readonly now: () => number;
}
