import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { navigate, routeHash } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { DecisionError } from '../decision/DecisionError';
import { queueBlocks } from '../queue/queue-block-store';
import { DeliveryTargets } from './DeliveryTargets';
import { refreshShipping, useAwaitingShipment, useBatches } from './shipping-queries';

/**
 * Ukrposhta: build a batch from the cards awaiting shipment, open batches to scan barcodes into, shipped batches
 * for reprints, and the parcels on their way against the delivery target.
 */
export function ShippingScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const awaiting = useAwaitingShipment();
  const batches = useBatches();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const inOpenBatch = useMemo(() => {
    const ids = new Set<string>();
    for (const b of batches.data?.batches ?? []) if (!b.shippedAt) for (const p of b.parcels) ids.add(p.applicationId);
    return ids;
  }, [batches.data]);
  const free = (awaiting.data?.rows ?? []).filter((r) => !inOpenBatch.has(r.id));
  const openBatches = (batches.data?.batches ?? []).filter((b) => !b.shippedAt);
  const shippedBatches = (batches.data?.batches ?? []).filter((b) => b.shippedAt).slice(0, 20);
  const chosen = free.filter((r) => picked.has(r.id)).map((r) => r.id);

  const toggle = (id: string, on: boolean) => setPicked((s) => (on ? new Set(s).add(id) : new Set([...s].filter((x) => x !== id))));
  const createBatch = async () => {
    setBusy(true);
    setError(null);
    try {
      const { batch } = await api.call('shipping.createBatch', { applicationIds: chosen });
      refreshShipping(queryClient);
      queueBlocks.invalidate();
      navigate({ name: 'batch', id: batch.id });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScreenFrame title={t('shipping.title')} testId="shipping-screen" lead={t('shipping.lead')}>
      <div className="work-grid">
        <section className="card card--wide" aria-labelledby="awaiting-title" data-testid="awaiting-shipment">
          <h2 id="awaiting-title" className="card__title">
            {t('shipping.awaitingTitle')}
          </h2>
          {awaiting.isError && <ErrorNotice error={awaiting.error} onRetry={() => void awaiting.refetch()} />}
          {awaiting.data && free.length === 0 && <p className="muted">{t('shipping.noneAwaiting')}</p>}
          {free.length > 0 && (
            <table className="history-table work-table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      data-testid="awaiting-pick-all"
                      aria-label={t('shipping.pickAll')}
                      checked={chosen.length === free.length}
                      onChange={(e) => setPicked(e.target.checked ? new Set(free.map((r) => r.id)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('queue.columns.number')}</th>
                  <th scope="col">{t('queue.columns.applicant')}</th>
                  <th scope="col">{t('queue.columns.submittedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {free.map((r) => (
                  <tr key={r.id} data-testid="awaiting-row" data-id={r.id}>
                    <td>
                      <input type="checkbox" data-testid="awaiting-pick" aria-label={t('selection.pickRow', { number: r.number })} checked={picked.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                    </td>
                    <td>
                      <a href={routeHash({ name: 'application', id: r.id })}>
                        <UserText value={r.number} />
                      </a>
                    </td>
                    <td className="table-text">
                      <UserText value={r.applicantName} />
                    </td>
                    <td className="nowrap">{fmt.date(r.submittedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {error !== null && <DecisionError error={error} />}
          <div className="form-actions">
            <button type="button" className="button button--primary" data-testid="create-batch" disabled={busy || chosen.length === 0} onClick={() => void createBatch()}>
              {t('shipping.createBatch', { count: chosen.length })}
            </button>
          </div>
        </section>
        <section className="card" aria-labelledby="open-batches-title" data-testid="open-batches">
          <h2 id="open-batches-title" className="card__title">
            {t('shipping.openBatches')}
          </h2>
          {batches.isError && <ErrorNotice error={batches.error} onRetry={() => void batches.refetch()} />}
          {batches.data && openBatches.length === 0 && <p className="muted">{t('shipping.noOpenBatches')}</p>}
          <BatchLinks batches={openBatches} />
        </section>
        <section className="card" aria-labelledby="shipped-batches-title" data-testid="shipped-batches">
          <h2 id="shipped-batches-title" className="card__title">
            {t('shipping.shippedBatches')}
          </h2>
          {batches.data && shippedBatches.length === 0 && <p className="muted">{t('shipping.noShippedBatches')}</p>}
          <BatchLinks batches={shippedBatches} />
        </section>
        <DeliveryTargets />
      </div>
    </ScreenFrame>
  );
}

function BatchLinks({ batches }: { batches: { id: string; createdAt: string; shippedAt: string | null; parcels: unknown[] }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (batches.length === 0) return null;
  return (
    <ul className="plain-list">
      {batches.map((b) => (
        <li key={b.id}>
          <a href={routeHash({ name: 'batch', id: b.id })} data-testid="batch-link" data-id={b.id}>
            {t('shipping.batchLink', { created: fmt.dateTime(b.createdAt), count: b.parcels.length })}
          </a>
          {b.shippedAt && <span className="muted"> · {t('shipping.shippedAt', { at: fmt.dateTime(b.shippedAt) })}</span>}
        </li>
      ))}
    </ul>
  );
}
