import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayNumberToIso, kyivDayNumber } from '../../../../shared/domain/kyiv-time';
import { useSessionInfo } from '../../api/queries';
import { openPrintPreview } from '../print/print-job';

/** The daily register of licences issued at this workstation: today (Kyiv) unless another day is chosen. */
export function DailyRegisterForm() {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const today = session.data ? dayNumberToIso(kyivDayNumber(Date.parse(session.data.now))) : '';
  const [day, setDay] = useState('');
  const chosen = day || today;
  return (
    <section className="card" aria-labelledby="register-title" data-testid="daily-register-form">
      <h2 id="register-title" className="card__title">
        {t('print.documents.daily_register')}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{4}-\d{2}-\d{2}$/.test(chosen)) openPrintPreview({ document: 'daily_register', date: chosen });
        }}
      >
        <label className="form-field form-field--inline">
          <span>{t('handover.registerDay')}</span>
          <input type="date" data-testid="register-day" value={chosen} max={today || undefined} onChange={(e) => setDay(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="register-open" disabled={!chosen}>
          {t('print.openPreview')}
        </button>
      </form>
    </section>
  );
}
