import type { Core } from '../../electron/core';
import { dispatch } from '../../electron/core/api/dispatch';
import type { MethodName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';

/**
 * One window of a core, as the tests drive it: calls go through `dispatch` like both transports, carrying this
 * window's session credential, which a sign-in gives and a sign-out drops (what the browser page's API client does).
 */
export interface TestWindow {
  call(method: MethodName, input?: unknown): Promise<ApiResult<unknown>>;
  /** Calls and expects success; returns the value typed loosely for assertions. */
  ok<T = Record<string, unknown>>(method: MethodName, input?: unknown): Promise<T>;
  signIn(who: { login: string; password: string }): Promise<void>;
  /** The credential this window holds (null when signed out); a test may also set one to forge or replay it. */
  credential: string | null;
}

export function openTestWindow(core: () => Core): TestWindow {
  const window: TestWindow = {
    credential: null,
    async call(method, input = {}) {
      const sent = window.credential;
      if (method === 'auth.signOut') window.credential = null;
      const result = await dispatch(core().facade, method, input, undefined, { session: sent });
      if (method === 'auth.signIn' && result.ok) window.credential = (result.value as { session: string }).session;
      return result;
    },
    async ok(method, input = {}) {
      const r = await window.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
    async signIn(who) {
      await window.ok('auth.signIn', { login: who.login, password: who.password });
    },
  };
  return window;
}
