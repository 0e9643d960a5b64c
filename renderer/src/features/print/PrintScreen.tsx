import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionInfo } from '../../api/queries';
import { hasCommandModifier, shortcutLetter, useLetterShortcuts } from '../../app/keyboard';
import { isModalOpen } from '../../app/modal-layer';
import type { PrintTarget } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { documentApplicationIds, sheetCount } from './document-loader';
import { leavePrintPreview, printShownPage, shellCanPrint } from './print-job';
import { PrintConfirmDialog } from './PrintConfirmDialog';
import { DocumentPages } from './templates/DocumentPages';
import { usePrintDocument } from './usePrintDocument';
import { usePrintRecording, type RecordedPrints } from './usePrintRecording';

/** Labels print on their own sheet size; everything else on A4. */
function pageRule(document: PrintTarget['document']): string {
  return document === 'address_label' ? '@page { size: 100mm 150mm; margin: 0; }' : '@page { size: A4; margin: 12mm 14mm; }';
}

/**
 * The print preview: the document's sheets as they will print, a Print button, and afterwards the question that
 * records the print («Сторінка надрукувалась?»). Screen chrome never reaches the paper (print CSS hides it).
 */
export function PrintScreen({ target }: { target: PrintTarget }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useSessionInfo();
  const doc = usePrintDocument(target);
  const recording = usePrintRecording(target, doc.data);
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<RecordedPrints | 'not_recorded' | 'cancelled' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const documentName = t(`print.documents.${target.document}`);
  const training = session.data?.mode === 'training';
  const sheets = doc.data ? sheetCount(doc.data) : 0;
  const nothingOnIt = doc.data !== null && documentApplicationIds(doc.data).length === 0;

  useEffect(() => {
    document.title = `${t('print.previewTitle', { document: documentName })} — ${t('app.productName')}`;
  }, [t, documentName]);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);

  const print = async (target: 'printer' | 'pdf' = 'printer') => {
    if (!doc.ready || asking || recording.busy) return;
    setOutcome(null);
    recording.clearError();
    const job = await printShownPage(target);
    if (!job.known) {
      if (!nothingOnIt) setAsking(true);
      return;
    }
    if (job.how === 'cancelled') return setOutcome('cancelled');
    const done = await recording.record(job.how);
    if (done) {
      setOutcome(done);
      doc.reload();
    }
  };

  const confirmPrinted = async () => {
    const done = await recording.record('operator_confirmed');
    if (!done) return;
    setAsking(false);
    setOutcome(done);
    doc.reload();
    printRef.current?.focus();
  };

  useLetterShortcuts({ p: () => void print(), Escape: leavePrintPreview });
  // Ctrl+P from the preview goes through the same path, so the print gets its question and its record.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModalOpen() || !hasCommandModifier(e) || !(e.ctrlKey || e.metaKey) || shortcutLetter(e) !== 'p') return;
      e.preventDefault();
      void print();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <main id="main" className="print-screen" data-testid="print-screen" data-document={target.document}>
      <style>{pageRule(target.document)}</style>
      <div className="print-toolbar">
        <button type="button" className="button" onClick={leavePrintPreview}>
          <span aria-hidden="true">← </span>
          {t('print.back')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
        <h1 ref={headingRef} tabIndex={-1} className="print-toolbar__title">
          {t('print.previewTitle', { document: documentName })}
        </h1>
        {doc.data && <p className="muted print-toolbar__count">{t('print.sheets', { count: sheets })}</p>}
        <button ref={printRef} type="button" className="button button--primary" data-testid="print-button" disabled={!doc.ready || recording.busy} onClick={() => void print()}>
          {t('print.print')} <kbd aria-hidden="true">p</kbd>
        </button>
        {shellCanPrint() && (
          <button type="button" className="button" data-testid="save-pdf-button" disabled={!doc.ready || recording.busy} onClick={() => void print('pdf')}>
            {t('print.savePdf')}
          </button>
        )}
      </div>
      <div className="print-status" role="status" data-testid="print-status">
        {doc.progress && doc.progress.total > 1 && (
          <p className="print-progress">
            <label>
              {t('print.loading', { done: fmt.number(doc.progress.done), total: fmt.number(doc.progress.total) })}{' '}
              <progress max={doc.progress.total} value={doc.progress.done} />
            </label>
          </p>
        )}
        {outcome === 'cancelled' && <p>{t('print.cancelled')}</p>}
        {outcome === 'not_recorded' && <p>{t('print.notRecorded')}</p>}
        {outcome !== null && typeof outcome === 'object' && (
          <div className="notice" data-testid="print-recorded">
            <p>{t('print.recorded', { count: outcome.count })}</p>
            {outcome.flagged.map((f) => (
              <p key={f.number} className="warning-text">
                {t('print.flagged', { number: f.number, reason: t(`factFlag.${f.flag}`) })}
              </p>
            ))}
          </div>
        )}
        {nothingOnIt && <p className="muted">{t('print.nothingToRecord')}</p>}
      </div>
      {doc.error !== null && <ErrorNotice error={doc.error} onRetry={doc.reload} />}
      {!doc.data && doc.error === null && !doc.progress && <p className="muted">{t('app.loading')}</p>}
      {doc.data && (
        <div className={`print-pages print-pages--${target.document}`} data-testid="print-pages" data-ready={doc.ready} aria-label={documentName} role="region">
          <DocumentPages data={doc.data} training={training} />
        </div>
      )}
      {asking && (
        <PrintConfirmDialog
          sheets={sheets}
          busy={recording.busy}
          error={recording.error}
          onYes={() => void confirmPrinted()}
          onNo={() => {
            setAsking(false);
            setOutcome('not_recorded');
          }}
        />
      )}
    </main>
  );
}
