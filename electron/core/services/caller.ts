import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is making a contract call: the session credential its transport carries (the browser host reads it from the
 * page's header, the Electron shell keeps it per window). Null when the caller has not signed in.
 */
export interface Caller {
  session: string | null;
}

export const NO_CALLER: Caller = Object.freeze({ session: null });

const scope = new AsyncLocalStorage<Caller>();

/**
 * Runs one contract call as `caller`: the session service reads the caller from here, so every service that asks
 * for "the operator" gets the operator of the window that made this call, never another window's.
 */
export function withCaller<T>(caller: Caller, call: () => T): T {
  return scope.run(caller, call);
}

/** The caller of the contract call being run; outside any call (sync in the background) nobody. */
export function currentCaller(): Caller {
  return scope.getStore() ?? NO_CALLER;
}
