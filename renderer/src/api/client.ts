import {
  contract,
  EVENTS,
  type ConsoleBridge,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../shared/api/contract';
import { ApiErrorSchema } from '../../../shared/api/errors';
import { ApiCallError } from './api-call-error';
import { createBrowserHostTransport } from './browser-host-transport';
import type { Transport } from './transport';

export { ApiCallError } from './api-call-error';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    consoleBridge?: ConsoleBridge;
  }
}

function bridgeTransport(bridge: ConsoleBridge): Transport {
  return {
    async invoke(method, input) {
      try {
        return await bridge.invoke(method, input as never);
      } catch {
        throw new ApiCallError('transport', 'The console core did not answer. Restart the console if this repeats.');
      }
    },
    on: (event, listener) => {
      try {
        return bridge.on(event, listener);
      } catch (err) {
        // An event this shell does not publish: the screen works without it, only less fresh.
        console.error('event subscription refused', event, err);
        return () => {};
      }
    },
  };
}

let transport: Transport | null = null;

/** Electron's preload bridge when present, otherwise the browser host on the page's own origin. */
function currentTransport(): Transport {
  transport ??= window.consoleBridge ? bridgeTransport(window.consoleBridge) : createBrowserHostTransport();
  return transport;
}

/** Picks the transport now (so a `?t=` token leaves the address bar before anything renders). */
export function startApi(): void {
  currentTransport();
}

function unwrap(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) return raw.value;
    if (raw.ok === false && 'error' in raw) {
      const err = ApiErrorSchema.safeParse(raw.error);
      if (err.success) throw new ApiCallError(err.data.code, err.data.message);
      const loose = raw.error as { code?: unknown; message?: unknown } | null;
      if (loose && typeof loose.code === 'string') {
        throw new ApiCallError(loose.code, typeof loose.message === 'string' ? loose.message : loose.code);
      }
    }
  }
  throw new ApiCallError('internal', 'The console sent an answer in an unexpected form.');
}

/**
 * The answers that mean the window's session is gone (signed out or expired; ended because IT disabled the operator
 * or their password changed), locked, or still waits for the operator's own password, whichever call got them.
 */
export const SESSION_PROBLEMS = ['session_required', 'session_locked', 'operator_disabled', 'password_changed', 'password_change_required'] as const;
export type SessionProblem = (typeof SESSION_PROBLEMS)[number];
const sessionListeners = new Set<(problem: SessionProblem) => void>();

function reportSessionProblem(err: unknown): void {
  if (!(err instanceof ApiCallError) || !(SESSION_PROBLEMS as readonly string[]).includes(err.code)) return;
  for (const l of sessionListeners) {
    try {
      l(err.code as SessionProblem);
    } catch (e) {
      console.error('session listener failed', e);
    }
  }
}

export const api = {
  /** Calls a contract method; resolves with its checked output or rejects with an ApiCallError. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let value: unknown;
    try {
      value = unwrap(await currentTransport().invoke(method, input));
    } catch (err) {
      reportSessionProblem(err);
      throw err;
    }
    const parsed = contract[method].output.safeParse(value);
    if (!parsed.success) throw new ApiCallError('internal', 'The console sent an answer this screen could not check.');
    return parsed.data as MethodOutput<M>;
  },

  /** Tells the session gate when any call answered that nobody is signed in, or that the session is locked. */
  onSessionProblem(listener: (problem: SessionProblem) => void): () => void {
    sessionListeners.add(listener);
    return () => sessionListeners.delete(listener);
  },

  /** Listens to a core event; payloads that do not match the event's schema are dropped. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return currentTransport().on(event, (payload) => {
      const parsed = EVENTS[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  },
};
