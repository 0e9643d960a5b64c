import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isoDateToText, readDateTimeField } from '../../components/date-time/date-time-text';
import { KyivDateTimeField } from '../../components/date-time/KyivDateTimeField';
import { dayNumberToIso, kyivDayNumber } from '../../../../shared/domain/kyiv-time';
import { useSessionInfo } from '../../api/queries';
import { openPrintPreview } from '../print/print-job';

/** The daily register of licences issued at this workstation: today (Kyiv) unless another day is typed. */
export function DailyRegisterForm() {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const nowMs = session.data ? Date.parse(session.data.now) : undefined;
  const today = nowMs !== undefined ? isoDateToText(dayNumberToIso(kyivDayNumber(nowMs))) : '';
  const [day, setDay] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const text = day ?? today;
  const chosen = readDateTimeField(text, 'date', nowMs);
  return (
    <section className="card" aria-labelledby="register-title" data-testid="daily-register-form">
      <h2 id="register-title" className="card__title">
        {t('print.documents.daily_register')}
      </h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setShowErrors(true);
          if (chosen.ok) openPrintPreview({ document: 'daily_register', date: chosen.isoDate });
          else e.currentTarget.querySelector<HTMLInputElement>('[data-testid="register-day"]')?.focus();
        }}
      >
        <div className="form-field--inline">
          <KyivDateTimeField
            kind="date"
            label={t('handover.registerDay')}
            testId="register-day"
            value={text}
            onChange={setDay}
            maxMs={nowMs}
            showErrors={showErrors}
            emptyMessage={t('dateTime.problem.incomplete_date')}
          />
        </div>
        <button type="submit" className="button" data-testid="register-open" disabled={!text}>
          {t('print.openPreview')}
        </button>
      </form>
    </section>
  );
}
