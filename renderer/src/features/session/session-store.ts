import { useCallback, useMemo, useRef } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AuthState } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { decisionDrafts } from '../decision/decision-drafts';
import { queueBlocks } from '../queue/queue-block-store';
import { queueSelection } from '../queue/queue-selection';
import { resetQueueView } from '../queue/queue-view-state';

const SIGNED_OUT: AuthState = { operator: null, locked: false };

/** Reference data and workstation facts that carry no personal data and survive a sign-out. */
const KEPT_ON_SIGN_OUT = new Set<string>([queryKeys.session[0], queryKeys.settings[0], queryKeys.auth[0], queryKeys.refusalReasons[0], queryKeys.syncStatus[0]]);

/** Who is signed in, as the core says; read once and then kept up to date by the actions below. */
export function useAuthState() {
  return useQuery({ queryKey: queryKeys.auth, queryFn: () => api.call('auth.current', {}), staleTime: Infinity });
}

/** Drops every cached application, queue row and draft, so the next operator sees nothing of the last one's work. */
export function forgetOperatorData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.has(String(q.queryKey[0])) });
  queueBlocks.reset();
  resetQueueView();
  queueSelection.clear();
  decisionDrafts.clear();
}

export interface SessionActions {
  signIn(login: string, password: string): Promise<void>;
  /** The operator's own password in place of IT's one-time password; the console opens once it is taken. */
  changePassword(newPassword: string): Promise<void>;
  /** Clears the session on screen at once; the core is told in the background. */
  signOut(): void;
  lock(): void;
  unlock(password: string): Promise<void>;
  /** The core said nobody is signed in (or the session is locked) in answer to some call. */
  sessionLost(): void;
  sessionLocked(): void;
  /** The core said this session must first replace its one-time password. */
  passwordChangeRequired(): void;
  /**
   * The core says this window's session changed without a call of its own (locked or ended by time, or from another
   * tab holding the same session). Returns whether the window lost its operator.
   */
  sessionChanged(state: AuthState): boolean;
  /** The operator's input, passed on at most every half minute: the core counts a window's calls as activity. */
  reportActivity(): void;
}

/** Below the core's grace of one minute (electron/core/services/sessions.ts), so the window's own lock comes first. */
export const ACTIVITY_REPORT_MS = 30_000;

export function useSessionActions(): SessionActions {
  const queryClient = useQueryClient();
  const setAuth = useCallback((state: AuthState) => queryClient.setQueryData(queryKeys.auth, state), [queryClient]);
  const current = useCallback(() => queryClient.getQueryData<AuthState>(queryKeys.auth) ?? SIGNED_OUT, [queryClient]);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const { operator, mustChangePassword } = await api.call('auth.signIn', { login, password });
      // Another operator's drafts and cached rows never reach this one; the same operator signing in again after
      // the session was lost (not signed out) finds their drafts where they left them.
      if (decisionDrafts.ownerId() !== operator.id) forgetOperatorData(queryClient);
      decisionDrafts.adoptOwner(operator.id);
      setAuth({ operator, locked: false, ...(mustChangePassword ? { mustChangePassword } : {}) });
    },
    [queryClient, setAuth],
  );

  const changePassword = useCallback(
    async (newPassword: string) => {
      setAuth(await api.call('auth.changePassword', { newPassword }));
    },
    [setAuth],
  );

  const signOut = useCallback(() => {
    forgetOperatorData(queryClient);
    setAuth(SIGNED_OUT);
    api.call('auth.signOut', {}).catch((err: unknown) => console.error('sign-out was not confirmed by the core', err));
  }, [queryClient, setAuth]);

  const lock = useCallback(() => {
    const state = current();
    if (!state.operator || state.locked) return;
    setAuth({ ...state, locked: true });
    api.call('auth.lock', {}).catch((err: unknown) => console.error('lock was not confirmed by the core', err));
  }, [current, setAuth]);

  const unlock = useCallback(
    async (password: string) => {
      // Locking first is a no-op when the core is locked already, and makes sure it checks the password when an
      // earlier lock call never reached it.
      await api.call('auth.lock', {});
      const state = await api.call('auth.unlock', { password });
      setAuth(state);
      if (state.operator && !state.locked) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.auth[0] });
    },
    [queryClient, setAuth],
  );

  const sessionLost = useCallback(() => {
    if (current().operator) setAuth(SIGNED_OUT);
  }, [current, setAuth]);

  const sessionLocked = useCallback(() => {
    const state = current();
    if (state.operator && !state.locked) setAuth({ ...state, locked: true });
  }, [current, setAuth]);

  const passwordChangeRequired = useCallback(() => {
    const state = current();
    if (state.operator && !state.mustChangePassword) setAuth({ ...state, mustChangePassword: true });
  }, [current, setAuth]);

  const sessionChanged = useCallback(
    (state: AuthState) => {
      const shown = current();
      if (!shown.operator) return false;
      if (state.operator?.id === shown.operator.id) {
        // Locked or unlocked, the one-time password replaced (in another tab), a new role from IT.
        if (state.locked !== shown.locked || state.mustChangePassword !== shown.mustChangePassword || state.operator.role !== shown.operator.role) setAuth(state);
        return false;
      }
      setAuth(SIGNED_OUT);
      return true;
    },
    [current, setAuth],
  );

  const lastReport = useRef(0);
  const reportActivity = useCallback(() => {
    const now = Date.now();
    if (now - lastReport.current < ACTIVITY_REPORT_MS || !current().operator || current().locked) return;
    lastReport.current = now;
    api.call('auth.current', {}).then(sessionChanged, (err: unknown) => console.error('activity was not reported to the core', err));
  }, [current, sessionChanged]);

  return useMemo(
    () => ({ signIn, changePassword, signOut, lock, unlock, sessionLost, sessionLocked, passwordChangeRequired, sessionChanged, reportActivity }),
    [signIn, changePassword, signOut, lock, unlock, sessionLost, sessionLocked, passwordChangeRequired, sessionChanged, reportActivity],
  );
}
