import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/api/auth';
import { can } from '../../../shared/domain/operators';
import { useSessionInfo } from '../api/queries';
import { UserText } from '../components/UserText';
import { LanguageSwitch } from './LanguageSwitch';
import { routeHash, useRoute } from './router';

interface Props {
  operator: Operator | null;
  onShowHelp: () => void;
  onSignOut: () => void;
  onLock: () => void;
}

/**
 * Product name, the center, the screens the operator's role can open, who is signed in with sign-out, keyboard
 * help and the language; the training banner when in training mode (on every screen, the sign-in one too).
 */
export function AppHeader({ operator, onShowHelp, onSignOut, onLock }: Props) {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const route = useRoute();
  const info = session.data;
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <p className="app-header__product">{t('app.productName')}</p>
        {info && (
          <p className="app-header__center" title={info.centerName}>
            <span className="sr-only">{t('app.centerLabel')}: </span>
            <UserText value={info.centerName} />
          </p>
        )}
        {operator && (
          <nav className="app-nav" aria-label={t('nav.label')}>
            <a href={routeHash({ name: 'queue' })} className="app-nav__link" aria-current={route.name !== 'forceMajeure' ? 'page' : undefined}>
              {t('nav.queue')}
            </a>
            {can(operator.role, 'forceMajeure.record') && (
              <a
                href={routeHash({ name: 'forceMajeure' })}
                className="app-nav__link"
                data-testid="force-majeure-link"
                aria-current={route.name === 'forceMajeure' ? 'page' : undefined}
                aria-keyshortcuts="f"
              >
                {t('nav.forceMajeure')} <kbd aria-hidden="true">{t('help.keys.f')}</kbd>
              </a>
            )}
          </nav>
        )}
        <div className="app-header__tools">
          {operator && (
            <>
              <p className="app-header__operator" data-testid="current-operator" data-operator-id={operator.id} data-role={operator.role}>
                <span className="sr-only">{t('session.signedInAs')}: </span>
                <UserText value={operator.displayName} />
                <span className="app-header__role">{t(`roles.${operator.role}`)}</span>
              </p>
              <button type="button" className="button button--quiet-on-dark" data-testid="lock-button" onClick={onLock}>
                {t('session.lock')}
              </button>
              <button type="button" className="button button--quiet-on-dark" data-testid="sign-out" onClick={onSignOut}>
                {t('session.signOut')}
              </button>
            </>
          )}
          <button type="button" className="button button--quiet-on-dark" onClick={onShowHelp} title={t('app.keyboardHelpHint')}>
            {t('app.keyboardHelp')} <kbd aria-hidden="true">?</kbd>
          </button>
          <LanguageSwitch />
        </div>
      </div>
      {info?.mode === 'training' && (
        <div className="training-banner" role="status" data-testid="training-banner">
          {t('app.trainingBanner')}
        </div>
      )}
    </header>
  );
}
