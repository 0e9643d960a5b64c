import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/api/auth';
import { asApiCallError } from '../../api/api-call-error';
import { useConsoleSettings, useSessionInfo } from '../../api/queries';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useErrorSentence } from '../../components/ErrorNotice';
import { ModalDialog } from '../../components/ModalDialog';

interface Props {
  operator: Operator;
  unlock: (password: string) => Promise<void>;
  /** Leaves the locked session (its unsaved work is dropped) for someone else to sign in. */
  signOut: () => void;
  /** The core ended the session while unlocking (lockout, disabled account): the sign-in screen says why. */
  onSessionEnded: (error: unknown) => void;
}

/**
 * The idle lock: a full-window modal over the console, which stays mounted (and keeps unsaved work) behind an
 * opaque backdrop. Only the same operator's password opens it; Esc does not.
 */
export function LockScreen({ operator, unlock, signOut, onSessionEnded }: Props) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const info = useSessionInfo().data;
  const settings = useConsoleSettings().data;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!password) {
      setError({ code: 'missing', message: '' });
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlock(password);
    } catch (err) {
      const code = asApiCallError(err).code;
      if (code === 'account_locked' || code === 'account_disabled') {
        onSessionEnded(err);
        return;
      }
      setError(err);
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const message = !error
    ? null
    : (error as { code?: string }).code === 'missing'
      ? t('session.missingPassword')
      : sentence(error, { specificPrefix: 'session.unlockErrors' });

  return (
    <ModalDialog labelledBy="lock-title" describedBy="lock-lead" initialFocus={passwordRef} className="lock-screen" testId="lock-screen">
      <div className="lock-screen__bar">
        <p className="app-header__product">{t('app.productName')}</p>
        <LanguageSwitch />
      </div>
      {info?.mode === 'training' && (
        <div className="training-banner" role="status" data-testid="training-banner">
          {t('app.trainingBanner')}
        </div>
      )}
      <form className="lock-screen__card card" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1 id="lock-title">{t('session.lockTitle')}</h1>
        <p id="lock-lead">{t('session.lockLead', { name: operator.displayName, role: t(`roles.${operator.role}`), minutes: settings?.idleLockMinutes ?? 10 })}</p>
        {message && (
          <p className="form-error" role="alert" id="unlock-error" data-testid="unlock-error">
            {message}
          </p>
        )}
        <label className="form-field">
          <span>{t('session.password')}</span>
          <input
            ref={passwordRef}
            data-testid="unlock-password"
            type="password"
            autoComplete="current-password"
            maxLength={256}
            value={password}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'unlock-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="button button--primary" data-testid="unlock-submit" disabled={busy}>
            {t('session.unlock')}
          </button>
          <button type="button" className="button button--link" data-testid="lock-sign-out" onClick={signOut}>
            {t('session.otherOperator')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
