import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLetterShortcuts } from '../app/keyboard';
import { navigate } from '../app/router';

interface Props {
  title: string;
  testId: string;
  lead?: string;
  /** Esc goes back to the queue unless the screen handles Esc itself. */
  escapeBack?: boolean;
  children: ReactNode;
}

/** A work screen besides the queue: a way back, its heading (focused on arrival), a lead sentence. */
export function ScreenFrame({ title, testId, lead, escapeBack = true, children }: Props) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('app.productName')}`;
  }, [title, t]);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus({ preventScroll: true });
  }, []);
  useLetterShortcuts({ Escape: escapeBack ? () => navigate({ name: 'queue' }) : undefined });
  return (
    <main id="main" className="work-screen" data-testid={testId}>
      <div className="application-toolbar">
        <button type="button" className="button" onClick={() => navigate({ name: 'queue' })}>
          <span aria-hidden="true">← </span>
          {t('application.back')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="application-title">
        {title}
      </h1>
      {lead && <p className="muted work-screen__lead">{lead}</p>}
      {children}
    </main>
  );
}
