import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FORCE_MAJEURE_KINDS, type ForceMajeurePeriod } from '../../../../shared/api/force-majeure';
import { api } from '../../api/client';
import { queryKeys, useConsoleSettings, useSessionInfo } from '../../api/queries';
import { readDateTimeField } from '../../components/date-time/date-time-text';
import { KyivDateTimeField, useKyivZoneText } from '../../components/date-time/KyivDateTimeField';
import { useErrorSentence } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { queueBlocks } from '../queue/queue-block-store';
import { useDurationText } from './ForceMajeureList';

type Kind = (typeof FORCE_MAJEURE_KINDS)[number];

const NOTE_MAX = 500;

/**
 * Records one force-majeure period of this center. The times are typed as Kyiv wall-clock times (dd.mm.yyyy
 * hh:mm) whatever the browser's locale and the workstation's zone, and sent as UTC instants; the deadlines of the center's applications move at once, and every screen refreshes.
 */
export function ForceMajeureForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentence = useErrorSentence();
  const queryClient = useQueryClient();
  const durationText = useDurationText();
  const serverNow = useSessionInfo().data?.now;
  const threshold = useConsoleSettings().data?.forceMajeureThresholdHours;
  const [kind, setKind] = useState<Kind>('air_alarm');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const zoneText = useKyivZoneText();
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<{ period: ForceMajeurePeriod; deadlinesChanged: number } | null>(null);

  const nowMs = serverNow ? Date.parse(serverNow) : undefined;
  const startAt = readDateTimeField(start, 'datetime', nowMs);
  const endAt = readDateTimeField(end, 'datetime', nowMs);
  const startMs = startAt.ok ? startAt.instant!.ms : null;
  const endMs = endAt.ok ? endAt.instant!.ms : null;
  const zone = t('dateTime.zoneNow', zoneText(nowMs ?? Date.now()));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    // Each field says what is wrong with it; the form names what is between them.
    setShowErrors(true);
    if (startMs === null || endMs === null) {
      setProblem(null);
      e.currentTarget.querySelector<HTMLInputElement>(startMs === null ? '[data-testid="fm-start"]' : '[data-testid="fm-end"]')?.focus();
      return;
    }
    if (endMs <= startMs) return setProblem(t('errors.period_end_before_start'));
    setBusy(true);
    setProblem(null);
    setRecorded(null);
    try {
      const result = await api.call('forceMajeure.record', { kind, startsAt: new Date(startMs).toISOString(), endsAt: new Date(endMs).toISOString(), note: note.trim() });
      setRecorded(result);
      setStart('');
      setEnd('');
      setNote('');
      setShowErrors(false);
      queueBlocks.invalidate();
      for (const queryKey of [queryKeys.forceMajeure, queryKeys.countsAll, queryKeys.applicationAll, queryKeys.workflowAll]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    } catch (err) {
      setProblem(sentence(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card fm-form" aria-labelledby="fm-form-title" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="fm-form">
      <h2 id="fm-form-title" className="card__title">
        {t('forceMajeure.formTitle')}
      </h2>
      <label className="form-field">
        <span>{t('forceMajeure.kindLabel')}</span>
        <select data-testid="fm-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {FORCE_MAJEURE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`forceMajeure.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="fm-form__times" aria-describedby="fm-zone">
        <legend>{t('forceMajeure.periodLegend')}</legend>
        <p id="fm-zone" className="fm-form__zone" data-testid="fm-zone">
          {zone}
        </p>
        {(['start', 'end'] as const).map((which) => (
          <KyivDateTimeField
            key={which}
            kind="datetime"
            label={t(`forceMajeure.${which}`)}
            testId={`fm-${which}`}
            value={which === 'start' ? start : end}
            onChange={which === 'start' ? setStart : setEnd}
            maxMs={nowMs}
            showErrors={showErrors}
            emptyMessage={t(`forceMajeure.missing.${which}`)}
            describedBy="fm-zone"
          />
        ))}
        {startMs !== null && endMs !== null && endMs > startMs && (
          <p className="muted" data-testid="fm-duration">
            {t('forceMajeure.duration', { duration: durationText(endMs - startMs) })}
            {threshold !== undefined && ` ${t('forceMajeure.thresholdNote', { hours: fmt.number(threshold) })}`}
          </p>
        )}
      </fieldset>
      <label className="form-field">
        <span>{t('forceMajeure.note')}</span>
        <textarea data-testid="fm-note" rows={2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && (
        <p className="form-error" role="alert" data-testid="fm-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="fm-submit" disabled={busy}>
          {t('forceMajeure.submit')}
        </button>
      </div>
      <p className="workflow-notice" role="status" data-testid="fm-result">
        {recorded &&
          t('forceMajeure.recorded', {
            count: recorded.deadlinesChanged,
            days: recorded.period.extendedDays.length ? recorded.period.extendedDays.map((d) => fmt.calendarDate(d)).join(', ') : t('forceMajeure.noDays'),
          })}
      </p>
    </form>
  );
}
