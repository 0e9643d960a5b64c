import { useTranslation } from 'react-i18next';
import { useSessionInfo } from '../api/queries';
import { UserText } from '../components/UserText';
import { LanguageSwitch } from './LanguageSwitch';

/** Product name, the center, keyboard help and the language; the training banner when in training mode. */
export function AppHeader({ onShowHelp }: { onShowHelp: () => void }) {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const info = session.data;
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <p className="app-header__product">{t('app.productName')}</p>
        {info && (
          <p className="app-header__center">
            <span className="sr-only">{t('app.centerLabel')}: </span>
            <UserText value={info.centerName} />
          </p>
        )}
        <div className="app-header__tools">
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
