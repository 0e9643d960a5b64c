import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/api/application';
import type { FactResult } from '../../../../shared/api/paperwork';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { DecisionError } from '../decision/DecisionError';
import { openPrintPreview } from '../print/print-job';
import { queueBlocks } from '../queue/queue-block-store';

/**
 * The card at the counter, on the application screen: «Картку отримано» while it is produced; when it waits for
 * the citizen, the identity check (tick and type the document's number), the receipt, and «Видати».
 */
export function HandoverPanel({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { record } = detail;
  const [checked, setChecked] = useState(false);
  const [documentNumber, setDocumentNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const checkRef = useRef<HTMLInputElement>(null);
  const canIssue = record.status === 'ready_for_pickup' || record.status === 'returned';

  const run = async (call: () => Promise<FactResult>, done: (r: FactResult) => string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await call();
      queryClient.setQueryData(queryKeys.application(record.id), result.application);
      setNotice(done(result) + (result.fact.flag ? ` ${t(`factFlag.${result.fact.flag}`)}` : ''));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      queueBlocks.invalidate();
      for (const queryKey of [queryKeys.workflow(record.id), queryKeys.countsAll, queryKeys.prints(record.id)]) void queryClient.invalidateQueries({ queryKey });
    }
  };

  const arrived = () => run(() => api.call('handover.cardArrived', { id: record.id }), (r) => t('handover.arrivedNotice', { status: t(`status.${r.fact.statusAfter}`) }));
  const issue = () =>
    run(
      () => api.call('handover.issue', { id: record.id, identityDocumentChecked: checked, identityDocumentNumber: documentNumber }),
      () => t('handover.issuedNotice', { number: record.newLicenceNumber ?? '—' }),
    );

  useLetterShortcuts({ i: canIssue ? () => checkRef.current?.focus() : undefined });

  if (record.status !== 'produced' && !canIssue && notice === null) return null;
  return (
    <section className="card card--wide handover-panel" aria-labelledby="handover-title" data-testid="handover-panel">
      <h2 id="handover-title" className="card__title">
        {t('handover.title')}
      </h2>
      {record.status === 'produced' && (
        <>
          <p>{t('handover.producedLead', { number: record.newLicenceNumber ?? '—' })}</p>
          <button type="button" className="button button--primary" data-testid="card-arrived" disabled={busy} onClick={() => void arrived()}>
            {t('handover.cardArrived')}
          </button>
        </>
      )}
      {canIssue && (
        <form
          className="issue-form"
          onSubmit={(e) => {
            e.preventDefault();
            void issue();
          }}
        >
          <p>{t('handover.issueLead', { number: record.newLicenceNumber ?? '—', document: t(`identityDocument.${record.applicant.identityDocument.type}`) })}</p>
          <label className="check-row">
            <input ref={checkRef} type="checkbox" data-testid="identity-checked" checked={checked} onChange={(e) => setChecked(e.target.checked)} aria-keyshortcuts="i" />
            <span>
              {t('handover.identityChecked')} <kbd aria-hidden="true">i</kbd>
            </span>
          </label>
          <label className="form-field">
            <span>{t('handover.documentNumber')}</span>
            <input
              type="text"
              data-testid="identity-number"
              value={documentNumber}
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              onChange={(e) => setDocumentNumber(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button type="button" className="button" data-testid="print-receipt" onClick={() => openPrintPreview({ document: 'handover_receipt', ids: [record.id] })}>
              {t('handover.printReceipt')}
            </button>
            <button type="submit" className="button button--primary" data-testid="issue-licence" disabled={busy}>
              {t('handover.issue')}
            </button>
          </div>
        </form>
      )}
      <p className="workflow-notice" role="status" data-testid="handover-notice">
        {notice}
      </p>
      {error !== null && <DecisionError error={error} />}
    </section>
  );
}
