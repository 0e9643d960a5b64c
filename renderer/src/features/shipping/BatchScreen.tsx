import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../decision/ConfirmDialog';
import { openPrintPreview } from '../print/print-job';
import { queueBlocks } from '../queue/queue-block-store';
import { refreshShipping, useBatches } from './shipping-queries';
import { TrackingInput } from './TrackingInput';

/** One batch of parcels: scan each tracking barcode, print the labels and the list, mark it handed to Ukrposhta. */
export function BatchScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const batches = useBatches();
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ shipped: number; detached: string[] } | null>(null);
  const batch = batches.data?.batches.find((b) => b.id === id);
  const open = batch !== undefined && batch.shippedAt === null;
  const withTracking = batch?.parcels.filter((p) => p.tracking !== null).length ?? 0;

  const saveTracking = async (applicationId: string, tracking: string) => {
    const { batch: updated } = await api.call('shipping.setTracking', { batchId: id, applicationId, tracking });
    queryClient.setQueryData(queryKeys.batches, (old: typeof batches.data) => old && { batches: old.batches.map((b) => (b.id === id ? updated : b)) });
    // The next parcel still without a barcode takes the focus, ready for the next scan.
    const next = updated.parcels.find((p) => p.tracking === null && p.applicationId !== applicationId);
    if (next) inputs.current.get(next.applicationId)?.focus();
  };

  const markShipped = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('shipping.markShipped', { batchId: id });
      setResult({ shipped: r.shipped.length, detached: r.detached });
      setConfirming(false);
      queueBlocks.invalidate();
      refreshShipping(queryClient);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScreenFrame title={t('shipping.batchTitle')} testId="batch-screen">
      <p>
        <a href={routeHash({ name: 'shipping' })}>{t('shipping.backToShipping')}</a>
      </p>
      {batches.isError && <ErrorNotice error={batches.error} onRetry={() => void batches.refetch()} />}
      {batches.isPending && <p className="muted">{t('app.loading')}</p>}
      {batches.data && !batch && <ErrorNotice error={{ code: 'not_found', message: '' }} />}
      {batch && (
        <section className="card card--wide" aria-label={t('shipping.batchTitle')} data-testid="batch" data-id={batch.id} data-shipped={!open}>
          <p data-testid="batch-summary">
            {t('shipping.batchSummary', { created: fmt.dateTime(batch.createdAt), by: batch.createdByName ?? batch.createdBy, count: batch.parcels.length, tracked: withTracking })}
            {batch.shippedAt && ` ${t('shipping.shippedAt', { at: fmt.dateTime(batch.shippedAt) })}`}
          </p>
          {/* Fixed column widths: a tracking number's error message wraps inside its cell instead of moving the columns. */}
          <table className="history-table work-table batch-table" data-testid="batch-table">
            <colgroup>
              <col className="batch-table__position" />
              <col className="batch-table__number" />
              <col />
              <col />
              <col className="batch-table__status" />
              <col className="batch-table__tracking" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('queue.columns.number')}</th>
                <th scope="col">{t('print.recipientLabel')}</th>
                <th scope="col">{t('print.address')}</th>
                <th scope="col">{t('queue.columns.status')}</th>
                <th scope="col">{t('print.tracking')}</th>
              </tr>
            </thead>
            <tbody>
              {batch.parcels.map((p) => (
                <tr key={p.applicationId} data-testid="parcel-row" data-id={p.applicationId}>
                  <td>{p.position}</td>
                  <td>
                    <a href={routeHash({ name: 'application', id: p.applicationId })}>
                      <UserText value={p.number ?? p.applicationId} />
                    </a>
                  </td>
                  <td className="table-text">
                    <UserText value={p.recipientName ?? '—'} />
                  </td>
                  <td className="table-text">
                    <UserText value={[p.postcode, p.locality].filter(Boolean).join(' ')} />
                  </td>
                  <td>{p.status ? t(`status.${p.status}`) : '—'}</td>
                  <td>
                    {open ? (
                      <TrackingInput
                        ref={(el) => void (el ? inputs.current.set(p.applicationId, el) : inputs.current.delete(p.applicationId))}
                        number={p.number ?? p.applicationId}
                        saved={p.tracking}
                        onSave={(tracking) => saveTracking(p.applicationId, tracking)}
                      />
                    ) : (
                      (p.tracking ?? '—')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button type="button" className="button" data-testid="print-labels" onClick={() => openPrintPreview({ document: 'address_label', batchId: id })}>
              {t('shipping.printLabels')}
            </button>
            <button type="button" className="button" data-testid="print-batch-list" onClick={() => openPrintPreview({ document: 'batch_list', batchId: id })}>
              {t('shipping.printList')}
            </button>
            {open && (
              <button type="button" className="button button--primary" data-testid="mark-shipped" disabled={busy} onClick={() => setConfirming(true)}>
                {t('shipping.markShipped')}
              </button>
            )}
          </div>
          <div role="status" data-testid="batch-result">
            {result && <p>{t('shipping.shippedResult', { count: result.shipped })}</p>}
            {result && result.detached.length > 0 && <p className="warning-text">{t('shipping.detached', { count: result.detached.length })}</p>}
          </div>
          {!confirming && error !== null && <ErrorNotice error={error} />}
        </section>
      )}
      {confirming && batch && (
        <ConfirmDialog
          title={t('shipping.confirmTitle')}
          confirmLabel={t('shipping.markShipped')}
          busy={busy}
          error={error}
          onConfirm={() => void markShipped()}
          onCancel={() => setConfirming(false)}
          testId="ship-confirm"
        >
          <p>{t('shipping.confirmText', { count: withTracking })}</p>
          {withTracking < batch.parcels.length && <p className="warning-text">{t('shipping.confirmDetach', { count: batch.parcels.length - withTracking })}</p>}
        </ConfirmDialog>
      )}
    </ScreenFrame>
  );
}
