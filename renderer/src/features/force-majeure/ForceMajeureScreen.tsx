import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/api/auth';
import { can } from '../../../../shared/domain/operators';
import { useLetterShortcuts } from '../../app/keyboard';
import { navigate } from '../../app/router';
import { ForceMajeureForm } from './ForceMajeureForm';
import { ForceMajeureList } from './ForceMajeureList';

/**
 * Force majeure of this center (air alarms, power outages): supervisors record periods here; the list shows which
 * working days each one added to the deadlines. Others who open the address see the list only.
 */
export function ForceMajeureScreen({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mayRecord = can(operator.role, 'forceMajeure.record');

  useEffect(() => {
    document.title = `${t('forceMajeure.title')} — ${t('app.productName')}`;
  }, [t]);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);
  useLetterShortcuts({ Escape: () => navigate({ name: 'queue' }) });

  return (
    <main id="main" className="fm-screen" data-testid="force-majeure-screen">
      <div className="application-toolbar">
        <button type="button" className="button" onClick={() => navigate({ name: 'queue' })}>
          <span aria-hidden="true">← </span>
          {t('application.back')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="application-title">
        {t('forceMajeure.title')}
      </h1>
      <p className="muted fm-screen__lead">{t('forceMajeure.lead')}</p>
      {!mayRecord && <p className="notice">{t('forceMajeure.supervisorsOnly')}</p>}
      <div className="fm-screen__grid">
        {mayRecord && <ForceMajeureForm />}
        <ForceMajeureList operator={operator} />
      </div>
    </main>
  );
}
