import type { EventName, MethodName } from '../../../shared/api/contract';

/** What carries calls and events between the renderer and the core: Electron IPC or the browser host's HTTP. */
export interface Transport {
  /** Resolves with the raw `{ok, value} | {ok: false, error}` object; rejects with an ApiCallError on transport failure. */
  invoke(method: MethodName, input: unknown): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
