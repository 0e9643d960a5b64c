import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FORCE_MAJEURE_KINDS, type ForceMajeurePeriod } from '../../../../shared/api/force-majeure';
import { KYIV_TZ } from '../../../../shared/domain/kyiv-time';
import { api } from '../../api/client';
import { queryKeys, useConsoleSettings, useSessionInfo } from '../../api/queries';
import { useErrorSentence } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { queueBlocks } from '../queue/queue-block-store';
import { instantToKyivLocal, kyivLocalToInstant, kyivOffsetLabel } from './kyiv-local-time';
import { useDurationText } from './ForceMajeureList';

type Kind = (typeof FORCE_MAJEURE_KINDS)[number];

const NOTE_MAX = 500;

/**
 * Records one force-majeure period of this center. The times are Kyiv wall-clock times whatever the
 * workstation's zone; the deadlines of the center's applications move at once, and every screen refreshes.
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
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<{ period: ForceMajeurePeriod; deadlinesChanged: number } | null>(null);

  const startAt = kyivLocalToInstant(start);
  const endAt = kyivLocalToInstant(end);
  const maxLocal = serverNow ? instantToKyivLocal(Date.parse(serverNow)) : undefined;
  const offsetAt = startAt.ok ? startAt.ms : serverNow ? Date.parse(serverNow) : Date.now();
  const zone = t('forceMajeure.zone', { zone: KYIV_TZ, offset: kyivOffsetLabel(offsetAt) });

  const fieldProblem = (v: ReturnType<typeof kyivLocalToInstant>, which: 'start' | 'end'): string | null =>
    v.ok ? null : v.reason === 'nonexistent' ? t('forceMajeure.nonexistentTime') : t(`forceMajeure.missing.${which}`);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const missing = fieldProblem(startAt, 'start') ?? fieldProblem(endAt, 'end');
    if (missing || !startAt.ok || !endAt.ok) return setProblem(missing);
    if (endAt.ms <= startAt.ms) return setProblem(t('errors.period_end_before_start'));
    setBusy(true);
    setProblem(null);
    setRecorded(null);
    try {
      const result = await api.call('forceMajeure.record', { kind, startsAt: startAt.iso, endsAt: endAt.iso, note: note.trim() });
      setRecorded(result);
      setStart('');
      setEnd('');
      setNote('');
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
        <label className="form-field">
          <span>{t('forceMajeure.start')}</span>
          <input type="datetime-local" data-testid="fm-start" value={start} max={maxLocal} required onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('forceMajeure.end')}</span>
          <input type="datetime-local" data-testid="fm-end" value={end} min={start || undefined} max={maxLocal} required onChange={(e) => setEnd(e.target.value)} />
        </label>
        {startAt.ok && endAt.ok && endAt.ms > startAt.ms && (
          <p className="muted" data-testid="fm-duration">
            {t('forceMajeure.duration', { duration: durationText(endAt.ms - startAt.ms) })}
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
