import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ScreenFailed() {
  const { t } = useTranslation();
  return (
    <main id="main" className="screen-failed">
      <h1>{t('app.screenErrorTitle')}</h1>
      <p role="alert">{t('app.screenError')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </main>
  );
}

/** Keeps a rendering fault inside one screen: the header and the window stay usable. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    // The code and stack go to the console (and from there to the host's log), never personal data on screen.
    console.error('screen failed', error instanceof Error ? error.name + ': ' + error.message : error);
  }

  override render(): ReactNode {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}
