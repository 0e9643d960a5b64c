import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleSettings, useSessionInfo } from '../../api/queries';
import { useErrorSentence } from '../../components/ErrorNotice';
import { FirstSyncStatus } from './FirstSyncStatus';
import { TrainingCredentials } from './TrainingCredentials';
import { EnrolmentCard } from '../sync/EnrolmentCard';

interface Props {
  signIn: (login: string, password: string) => Promise<void>;
  /** Why the session ended, when it did not end by signing out (a lockout while unlocking, a lost session). */
  notice: unknown;
}

/** Operator login and password. The route stays in the address bar, so signing in returns to where the user was. */
export function SignInScreen({ signIn, notice }: Props) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const info = useSessionInfo().data;
  const settings = useConsoleSettings().data;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('session.signInTitle')} — ${t('app.productName')}`;
  }, [t]);

  useEffect(() => loginRef.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!login.trim() || !password) {
      setError({ code: 'missing', message: '' });
      (login.trim() ? passwordRef : loginRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
    } catch (err) {
      setError(err);
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const shown = error ?? notice;
  const message =
    shown && (shown as { code?: string }).code === 'missing'
      ? t('session.missingFields')
      : shown
        ? sentence(shown, { specificPrefix: 'session.errors', values: { max: settings?.maxFailedSignIns ?? 5, minutes: settings?.lockoutMinutes ?? 15 } })
        : null;

  return (
    <main id="main" className="sign-in-screen">
      <form className="sign-in card" data-testid="sign-in" aria-labelledby="sign-in-title" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1 id="sign-in-title">{t('session.signInTitle')}</h1>
        <p className="muted">{t('session.signInLead')}</p>
        {message && (
          <p className="form-error" role="alert" id="sign-in-error" data-testid="sign-in-error">
            {message}
          </p>
        )}
        <label className="form-field">
          <span>{t('session.login')}</span>
          <input
            ref={loginRef}
            data-testid="sign-in-login"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
            value={login}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'sign-in-error' : undefined}
            onChange={(e) => setLogin(e.target.value)}
          />
        </label>
        <label className="form-field">
          <span>{t('session.password')}</span>
          <input
            ref={passwordRef}
            data-testid="sign-in-password"
            type="password"
            name="password"
            autoComplete="current-password"
            maxLength={256}
            required
            value={password}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'sign-in-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="sign-in-submit" disabled={busy}>
          {busy ? t('session.signingIn') : t('session.signIn')}
        </button>
      </form>
      {info?.mode === 'training' && <TrainingCredentials />}
      <FirstSyncStatus />
      {/* Operators arrive with the central server's reference data, so a new workstation enrols before anyone signs in. */}
      {info?.mode === 'production' && <EnrolmentCard onlyUntilEnrolled />}
    </main>
  );
}
