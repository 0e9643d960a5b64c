import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/api/application';
import { CITIZEN_STATUS } from '../../../../shared/domain/status';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useReasonTitle } from '../decision/refusal-reasons';
import { ForceMajeureMarker, useDaysLeftText } from '../queue/DeadlineCell';
import { Field, Fields, Section } from './Section';

export function SummarySection({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const r = detail.record;
  return (
    <Section title={t('application.summary')}>
      <Fields>
        <Field label={t('application.number')}>
          <UserText value={r.number} block />
        </Field>
        <Field label={t('application.statusInternal')} testId="application-status">
          <span className={`status-badge status-badge--${r.status}`}>{t(`status.${r.status}`)}</span>
        </Field>
        <Field label={t('application.statusCitizen')}>{t(`citizenStatus.${CITIZEN_STATUS[r.status]}`)}</Field>
        <Field label={t('application.serviceAndGround')}>
          {t(`service.${r.service}`)} · {t(`ground.${r.ground}`)}
        </Field>
        <Field label={t('application.submittedAt')}>{fmt.dateTime(r.submittedAt)}</Field>
        <Field label={t('application.center')}>
          <UserText value={detail.centerName} block />
        </Field>
      </Fields>
    </Section>
  );
}

export function DeadlineSection({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = detail.deadline;
  const daysText = useDaysLeftText()(d.state, d.daysLeft);
  return (
    <Section title={t('application.deadlineSection')}>
      <Fields>
        <Field label={t('application.dueAt')}>{d.dueAt ? fmt.dateTime(d.dueAt) : '—'}</Field>
        <Field label={t('application.deadlineState')}>
          <span className={`deadline deadline--${d.state}`}>
            {(d.state === 'overdue' || d.state === 'due_soon') && (
              <span className="deadline__mark" aria-hidden="true">
                !
              </span>
            )}
            {t(`deadline.state.${d.state}`)}
          </span>
        </Field>
        {daysText && <Field label={t('application.daysLeft')}>{daysText}</Field>}
        <Field label={t('application.extendedBy')}>
          {d.extendedBy.length === 0 ? (
            t('application.noExtension')
          ) : (
            <>
              <ForceMajeureMarker days={d.extendedBy.length} />
              <ul className="plain-list" data-testid="force-majeure-days">
                {d.extendedBy.map((day) => (
                  <li key={day}>{fmt.calendarDate(day)}</li>
                ))}
              </ul>
            </>
          )}
        </Field>
      </Fields>
    </Section>
  );
}

export function RefusalSection({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const reasonTitle = useReasonTitle();
  const refusal = detail.record.refusal;
  if (!refusal) return null;
  return (
    <Section title={t('application.refusalSection')} className="card--refusal" testId="refusal">
      <Fields>
        <Field label={t('application.refusalReason')}>
          {reasonTitle(refusal.reasonCode)} <code className="history-table__code">{refusal.reasonCode}</code>
        </Field>
        {!detail.purgedAt && (
          <Field label={t('application.refusalExplanation')}>
            <UserText value={refusal.explanation} block />
          </Field>
        )}
      </Fields>
    </Section>
  );
}
