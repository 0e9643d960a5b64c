import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/api/auth';
import { useSessionInfo } from '../api/queries';
import { UserText } from '../components/UserText';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { UpdateBanner } from '../features/updates/UpdateBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { navItemsFor } from './nav-items';
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
            {navItemsFor(operator.role).map((item) => (
              <a
                key={item.testId}
                href={routeHash(item.route)}
                className="app-nav__link"
                data-testid={item.testId}
                aria-current={item.current.includes(route.name) ? 'page' : undefined}
                aria-keyshortcuts={item.key}
              >
                {t(item.label)}
                {item.key && <kbd aria-hidden="true">{item.key}</kbd>}
              </a>
            ))}
          </nav>
        )}
        <div className="app-header__tools">
          <SyncIndicator signedIn={operator !== null} />
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
      <UpdateBanner />
    </header>
  );
}
