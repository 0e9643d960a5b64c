import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys, useConsoleSettings } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { decisionDrafts } from '../features/decision/decision-drafts';
import { queueBlocks } from '../features/queue/queue-block-store';
import { LockScreen } from '../features/session/LockScreen';
import { PasswordChangeScreen } from '../features/session/PasswordChangeScreen';
import { useAuthState, useSessionActions } from '../features/session/session-store';
import { SignInScreen } from '../features/session/SignInScreen';
import { useIdleLock } from '../features/session/useIdleLock';
import { useLinkUpOnOnline, useSyncChangedEvents } from '../features/sync/sync-status';
import { AppHeader } from './AppHeader';
import { hasCommandModifier, isHelpKey, isTypingTarget, useLetterShortcuts } from './keyboard';
import { KeyboardHelpDialog } from './KeyboardHelpDialog';
import { isModalOpen } from './modal-layer';
import { navItemsFor } from './nav-items';
import { navigate } from './router';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import { Workspace } from './Workspace';

const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** When the core says the queue changed (a pull, a decision, a force-majeure period), everything derived refreshes. */
function useQueueChangedEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('queue.changed', () => {
        queueBlocks.invalidate();
        const derived = [queryKeys.countsAll, queryKeys.applicationAll, queryKeys.workflowAll, queryKeys.forceMajeure, queryKeys.printsAll];
        const paperwork = [queryKeys.batches, queryKeys.awaitingShipment, queryKeys.deliveryTargets, ['handover.uncollected'], queryKeys.reviewAll];
        for (const queryKey of [...derived, ...paperwork]) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }),
    [queryClient],
  );
}

/**
 * The window: header, then the sign-in screen or the workspace. The idle lock covers the workspace without
 * unmounting it, so unsaved work survives; signing out unmounts it and forgets the operator's data.
 */
export function App() {
  const { t } = useTranslation();
  const auth = useAuthState();
  const session = useSessionActions();
  const settings = useConsoleSettings();
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<unknown>(null);
  // The login this window signed in with: the password change checks a new password does not contain it.
  const [login, setLogin] = useState<string | null>(null);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useQueueChangedEvents();
  useSyncChangedEvents();
  useLinkUpOnOnline();

  const operator = auth.data?.operator ?? null;
  const locked = operator !== null && auth.data!.locked;
  // Signed in with IT's one-time password: nothing but choosing one's own password until then.
  const mustChangePassword = operator !== null && auth.data!.mustChangePassword === true;
  // The window opened on a session the central server's change had ended (a reload): the sign-in screen says why.
  const endedNotice = auth.data?.ended ? { code: auth.data.ended, message: '' } : null;

  useEffect(() => {
    if (operator) decisionDrafts.adoptOwner(operator.id);
  }, [operator]);

  useEffect(
    () =>
      api.onSessionProblem((problem) => {
        if (problem === 'session_locked') {
          session.sessionLocked();
        } else if (problem === 'password_change_required') {
          session.passwordChangeRequired();
        } else {
          // Signed out, expired, or ended by the central server (disabled, password changed): the screen says which.
          setNotice({ code: problem, message: '' });
          session.sessionLost();
        }
      }),
    [session],
  );

  // This window's session changed elsewhere (time, or another tab holding the same session).
  useEffect(
    () =>
      api.on('auth.changed', (state) => {
        if (session.sessionChanged(state)) setNotice({ code: state.ended ?? 'session_required', message: '' });
      }),
    [session],
  );

  useIdleLock(operator && !locked ? (settings.data?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) : null, session.lock, session.reportActivity);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isHelpKey(e) && !hasCommandModifier(e) && !isTypingTarget(e.target) && !e.defaultPrevented && !isModalOpen()) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // The header's screens open with one key from anywhere (keys no screen uses for itself; see nav-items.ts).
  const screenKeys = operator && !locked && !mustChangePassword ? Object.fromEntries(navItemsFor(operator.role).filter((i) => i.key).map((i) => [i.key!, () => navigate(i.route)])) : {};
  useLetterShortcuts(screenKeys);

  const signIn = useCallback(
    async (typedLogin: string, password: string) => {
      await session.signIn(typedLogin, password);
      setLogin(typedLogin.normalize('NFC').trim().toLowerCase());
      setNotice(null);
    },
    [session],
  );

  const signOut = useCallback(() => {
    setNotice(null);
    session.signOut();
  }, [session]);

  let body;
  if (auth.isPending) {
    body = (
      <main id="main" className="screen-message">
        <p className="muted">{t('app.loading')}</p>
      </main>
    );
  } else if (auth.isError) {
    body = (
      <main id="main" className="screen-message">
        <ErrorNotice error={auth.error} onRetry={() => void auth.refetch()} />
      </main>
    );
  } else if (operator && mustChangePassword) {
    body = <PasswordChangeScreen operator={operator} login={login} changePassword={session.changePassword} signOut={signOut} />;
  } else if (operator) {
    body = <Workspace key={operator.id} operator={operator} />;
  } else {
    body = <SignInScreen signIn={signIn} notice={notice ?? endedNotice} />;
  }

  return (
    <div className="app">
      {/* While locked, the lock screen has the header's place (and the training banner); nothing behind shows. */}
      {!locked && <AppHeader operator={mustChangePassword ? null : operator} onShowHelp={showHelp} onSignOut={signOut} onLock={session.lock} />}
      <ScreenErrorBoundary>{body}</ScreenErrorBoundary>
      {locked && operator && (
        <LockScreen
          operator={operator}
          unlock={session.unlock}
          signOut={signOut}
          onSessionEnded={(err) => {
            setNotice(err);
            session.sessionLost();
          }}
        />
      )}
      {helpOpen && !locked && <KeyboardHelpDialog operator={mustChangePassword ? null : operator} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
