import type { EventName, MethodName } from '../../../shared/api/contract';
import { ApiCallError } from './api-call-error';
import { adoptTokenFromUrl, consoleToken } from './console-token';
import { EventStreamParser, readConsoleEvent } from './event-stream';
import { keepSessionCredential, sessionCredential } from './session-credential';
import type { Transport } from './transport';

const TOKEN_HEADER = 'X-Console-Token';
/** The page's session credential travels in this header on every call and on the event stream. */
const SESSION_HEADER = 'X-Console-Session';
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 15_000;

/** Answers that mean the core no longer knows this page's session: not known, or ended because of the central server. */
const SESSION_ENDED = new Set(['session_required', 'operator_disabled', 'password_changed']);

const UNAUTHORIZED = 'The console rejected this page’s session token. Open the console from the link the service printed.';
const UNREACHABLE = 'The console service did not answer. Check that it is running, then try again.';

function headers(extra: Record<string, string>): Record<string, string> {
  const session = sessionCredential();
  return { ...extra, [TOKEN_HEADER]: consoleToken(), ...(session ? { [SESSION_HEADER]: session } : {}) };
}

/**
 * Calls `POST /api/<method>` and reads events from `GET /api/events` on the host that served the page. The page's
 * session is its own: a sign-in's answer gives the credential, a sign-out drops it at once, and an answer that the
 * session is not known drops it too; the event stream then reconnects as the new session (or none).
 */
export function createBrowserHostTransport(): Transport {
  adoptTokenFromUrl();
  const events = new HostEventStream();
  const sessionChanged = (credential: string | null) => {
    keepSessionCredential(credential);
    events.restart();
  };
  return {
    async invoke(method: MethodName, input: unknown): Promise<unknown> {
      const sent = headers({ 'Content-Type': 'application/json' });
      if (method === 'auth.signOut') sessionChanged(null);
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: sent,
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiCallError('transport', UNREACHABLE);
      }
      if (res.status === 401 || res.status === 403) throw new ApiCallError('unauthorized', UNAUTHORIZED);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ApiCallError('transport', `The console service answered with HTTP ${res.status} and no readable result.`);
      }
      const answer = body as { ok?: boolean; value?: { session?: unknown }; error?: { code?: unknown } } | null;
      if (method === 'auth.signIn' && answer?.ok === true && typeof answer.value?.session === 'string') sessionChanged(answer.value.session);
      else if (answer?.ok === false && SESSION_ENDED.has(String(answer.error?.code)) && sent[SESSION_HEADER] && sessionCredential() === sent[SESSION_HEADER]) sessionChanged(null);
      return body;
    },
    on: (event, listener) => events.on(event, listener),
  };
}

type Listener = (payload: unknown) => void;

/**
 * One `GET /api/events` stream shared by every listener, read with fetch so the token can travel in a header.
 * It reconnects with a growing delay; after a reconnect, listeners of `queue.changed` are told, because changes made
 * while the stream was down were missed.
 */
class HostEventStream {
  private readonly listeners = new Map<string, Set<Listener>>();
  private abort: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = RECONNECT_MIN_MS;
  private connectedBefore = false;

  on(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    this.start();
    return () => {
      set.delete(listener);
      if ([...this.listeners.values()].every((s) => s.size === 0)) this.stop();
    };
  }

  private emit(name: string, payload: unknown): void {
    for (const l of this.listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
  }

  private start(): void {
    if (this.abort || this.timer) return;
    void this.connect();
  }

  /** The page's session changed: the stream reconnects at once, naming the new session (or none). */
  restart(): void {
    this.stop();
    this.delay = RECONNECT_MIN_MS;
    if ([...this.listeners.values()].some((s) => s.size > 0)) this.start();
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async connect(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    try {
      const res = await fetch('/api/events', {
        headers: headers({ Accept: 'text/event-stream' }),
        cache: 'no-store',
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      this.delay = RECONNECT_MIN_MS;
      if (this.connectedBefore) this.emit('queue.changed', { reason: 'reconnected' });
      this.connectedBefore = true;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new EventStreamParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(value)) {
          const msg = readConsoleEvent(ev);
          if (msg) this.emit(msg.name, msg.payload);
        }
      }
    } catch {
      // Network failure, HTTP error or abort: fall through to the reconnect below unless stopped.
    }
    if (this.abort !== abort) return; // stopped, or a newer connection took over
    this.abort = null;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
  }
}
