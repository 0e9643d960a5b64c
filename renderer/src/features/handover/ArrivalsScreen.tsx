import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FactRecord } from '../../../../shared/api/paperwork';
import { parseApplicationNumber } from '../../../../shared/domain/facts';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { navigate, routeHash } from '../../app/router';
import { useErrorSentence } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { ScreenFrame } from '../../components/ScreenFrame';
import { queueBlocks } from '../queue/queue-block-store';
import { DailyRegisterForm } from './DailyRegisterForm';

interface ScanResult {
  key: number;
  scanned: string;
  fact?: FactRecord;
  number?: string;
  applicantName?: string;
  error?: string;
  errorCode?: string;
}

const KEPT_RESULTS = 200;

/** What one scan did, for the data-outcome of its line: moved on, a harmless repeat, flagged, or refused. */
function outcome(r: ScanResult): 'moved' | 'repeat' | 'flagged' | 'error' {
  if (r.error !== undefined) return 'error';
  if (r.fact!.flag) return 'flagged';
  return r.fact!.moved ? 'moved' : 'repeat';
}

/**
 * «Картки надійшли»: a barcode scanner types the application number and Enter into the field; each scan records
 * the card's arrival (produced → ready for pickup or awaiting shipment) and adds a line to the list. Focus stays in
 * the field for the next card.
 */
export function ArrivalsScreen() {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [results, setResults] = useState<ScanResult[]>([]);
  const [busy, setBusy] = useState(false);
  const counter = useRef(0);

  useEffect(() => inputRef.current?.focus(), []);
  useLetterShortcuts({ Escape: () => navigate({ name: 'queue' }) }, { escapeWhileTyping: true });

  const add = (r: Omit<ScanResult, 'key'>) => setResults((list) => [{ ...r, key: ++counter.current }, ...list].slice(0, KEPT_RESULTS));

  const scan = async () => {
    const scanned = value.trim();
    setValue('');
    inputRef.current?.focus();
    if (!scanned) return;
    if (!parseApplicationNumber(scanned)) {
      add({ scanned, errorCode: 'not_an_application_number', error: sentence({ code: 'not_an_application_number', message: '' }) });
      return;
    }
    setBusy(true);
    try {
      const { fact, application } = await api.call('handover.cardArrived', { number: scanned });
      const a = application.record.applicant;
      add({ scanned, fact, number: application.record.number, applicantName: [a.surname, a.givenName, a.patronymic].filter(Boolean).join(' ') });
      queueBlocks.invalidate();
      void queryClient.invalidateQueries({ queryKey: queryKeys.application(fact.applicationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.countsAll });
    } catch (err) {
      add({ scanned, error: sentence(err) });
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const moved = results.filter((r) => r.fact?.moved).length;
  return (
    <ScreenFrame title={t('arrivals.title')} testId="arrivals-screen" lead={t('arrivals.lead')}>
      <form
        className="scan-form"
        onSubmit={(e) => {
          e.preventDefault();
          void scan();
        }}
      >
        <label className="form-field">
          <span>{t('arrivals.inputLabel')}</span>
          <input
            ref={inputRef}
            type="text"
            data-testid="arrival-input"
            value={value}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            aria-describedby="arrivals-hint"
            aria-busy={busy || undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <p id="arrivals-hint" className="field-hint">
          {t('arrivals.hint')}
        </p>
      </form>
      <p className="muted" data-testid="arrival-summary">
        {t('arrivals.summary', { scanned: results.length, moved })}
      </p>
      <ol className="scan-results" aria-live="polite" aria-label={t('arrivals.resultsLabel')} data-testid="arrival-results">
        {results.map((r) => (
          <li key={r.key} className={`scan-result scan-result--${outcome(r)}`} data-testid="arrival-result" data-outcome={outcome(r)}>
            <span className="scan-result__icon" aria-hidden="true">
              {{ moved: '✓', repeat: '↺', flagged: '!', error: '✗' }[outcome(r)]}
            </span>
            {r.error !== undefined ? (
              <span>
                <UserText value={r.scanned} />: {r.error}
              </span>
            ) : (
              <span>
                <a href={routeHash({ name: 'application', id: r.fact!.applicationId })}>
                  <UserText value={r.number!} />
                </a>{' '}
                <UserText value={r.applicantName!} /> — {t(`arrivals.outcome.${outcome(r)}`, { from: t(`status.${r.fact!.statusSeen}`), to: t(`status.${r.fact!.statusAfter}`) })}
                {r.fact!.flag && <span className="warning-text"> {t(`factFlag.${r.fact!.flag}`)}</span>}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p>
        <a href={routeHash({ name: 'uncollected' })}>{t('nav.uncollected')}</a>
      </p>
      <DailyRegisterForm />
    </ScreenFrame>
  );
}
