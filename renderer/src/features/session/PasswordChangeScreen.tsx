import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/api/auth';
import { PASSWORD_POLICY, PASSWORD_RULES, passwordProblems, type PasswordRule } from '../../../../shared/domain/password-policy';
import { asApiCallError } from '../../api/api-call-error';
import { useErrorSentence } from '../../components/ErrorNotice';

interface Props {
  operator: Operator;
  /** The login typed at this window's sign-in; null after a reload (then only the core checks that rule). */
  login: string | null;
  changePassword: (newPassword: string) => Promise<void>;
  signOut: () => void;
}

/** The rules shown (too_long only matters once broken). */
const SHOWN_RULES = PASSWORD_RULES.filter((r) => r !== 'too_long');

type Problem = { kind: 'missing' } | { kind: 'mismatch' } | { kind: 'rules'; rules: PasswordRule[] } | { kind: 'server'; error: unknown };

/**
 * After a sign-in with IT's one-time password, before anything else: the operator chooses their own password. The
 * rules (shared/domain/password-policy.ts, the same the core checks) are listed with whether the typed password meets
 * each; Enter in either field saves. The console opens once the core has taken the new password.
 */
export function PasswordChangeScreen({ operator, login, changePassword, signOut }: Props) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('passwordChange.title')} — ${t('app.productName')}`;
  }, [t]);
  useEffect(() => passwordRef.current?.focus(), []);

  const check = (value: string) => passwordProblems(value, login ? { login } : {});
  const broken = new Set(check(password));
  const checkable = (rule: PasswordRule) => rule !== 'contains_login' || login !== null;
  const ruleText = (rule: PasswordRule) =>
    t(`passwordChange.rules.${rule}`, { min: PASSWORD_POLICY.minLength, max: PASSWORD_POLICY.maxLength, distinct: PASSWORD_POLICY.minDistinct });

  function describe(p: Problem): string {
    if (p.kind === 'missing') return t('passwordChange.missing');
    if (p.kind === 'mismatch') return t('passwordChange.mismatch');
    if (p.kind === 'rules') return t('passwordChange.broken', { rules: p.rules.map(ruleText).join('; ') });
    return sentence(p.error, { specificPrefix: 'passwordChange.errors' });
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const rules = check(password);
    const found: Problem | null = !password ? { kind: 'missing' } : rules.length ? { kind: 'rules', rules } : password !== repeat ? { kind: 'mismatch' } : null;
    if (found) {
      setProblem(found);
      (found.kind === 'mismatch' ? repeatRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await changePassword(password);
    } catch (err) {
      setProblem({ kind: 'server', error: err });
      const code = asApiCallError(err).code;
      if (code === 'weak_password' || code === 'password_unchanged') {
        setPassword('');
        setRepeat('');
        passwordRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const message = problem === null ? null : describe(problem);
  const invalidNew = problem !== null && problem.kind !== 'mismatch';
  const invalidRepeat = problem?.kind === 'mismatch';

  return (
    <main id="main" className="sign-in-screen">
      <form className="sign-in password-change card" data-testid="password-change" aria-labelledby="password-change-title" aria-describedby="password-change-lead" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1 id="password-change-title">{t('passwordChange.title')}</h1>
        <p id="password-change-lead">{t('passwordChange.lead', { name: operator.displayName })}</p>
        {message && (
          <p className="form-error" role="alert" id="password-change-error" data-testid="password-change-error">
            {message}
          </p>
        )}
        <p className="password-change__policy-title" id="password-policy-title">
          {t('passwordChange.policyTitle')}
        </p>
        <ul className="password-change__rules" id="password-policy" aria-labelledby="password-policy-title" data-testid="password-rules">
          {SHOWN_RULES.map((rule) => {
            const met = password !== '' && checkable(rule) && !broken.has(rule);
            return (
              <li key={rule} data-rule={rule} data-met={met}>
                <span aria-hidden="true" className="password-change__mark">
                  {met ? '✓' : '•'}
                </span>{' '}
                {ruleText(rule)}
                <span className="sr-only"> — {met ? t('passwordChange.ruleMet') : t('passwordChange.ruleNotMet')}</span>
              </li>
            );
          })}
        </ul>
        <label className="form-field">
          <span>{t('passwordChange.newPassword')}</span>
          <input
            ref={passwordRef}
            data-testid="password-change-new"
            type="password"
            name="new-password"
            autoComplete="new-password"
            maxLength={PASSWORD_POLICY.maxLength + 1}
            value={password}
            aria-invalid={invalidNew ? true : undefined}
            aria-describedby={message && invalidNew ? 'password-change-error password-policy' : 'password-policy'}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="form-field">
          <span>{t('passwordChange.repeatPassword')}</span>
          <input
            ref={repeatRef}
            data-testid="password-change-repeat"
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            maxLength={PASSWORD_POLICY.maxLength + 1}
            value={repeat}
            aria-invalid={invalidRepeat ? true : undefined}
            aria-describedby={invalidRepeat ? 'password-change-error' : undefined}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <p className="field-hint field-hint--note">{t('passwordChange.offlineNote')}</p>
        <button type="submit" className="button button--primary" data-testid="password-change-submit" disabled={busy}>
          {busy ? t('passwordChange.saving') : t('passwordChange.submit')}
        </button>
        <button type="button" className="button button--link" data-testid="password-change-sign-out" onClick={signOut}>
          {t('passwordChange.signOut')}
        </button>
      </form>
    </main>
  );
}
