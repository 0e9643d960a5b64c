import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { addressLines } from './address';
import { Barcode } from './Barcode';
import { Paper, PaperFields, PaperText, SignatureLine, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'batch_list' }>;

/** The list of parcels handed to Ukrposhta in one batch (our own form): every parcel with its tracking barcode. */
export function BatchList({ data, ...page }: PageContext & { data: Data }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper {...page} title={t('print.documents.batch_list')} previousPrints={data.previousPrints} testId="paper-batch_list">
      <PaperFields
        rows={[
          [t('print.batchId'), <code key="b">{data.batch.id}</code>],
          [t('print.batchCreated'), fmt.dateTime(data.batch.createdAt)],
          [t('print.batchShipped'), data.batch.shippedAt ? fmt.dateTime(data.batch.shippedAt) : t('print.batchNotShipped')],
          [t('print.parcelCount'), String(data.parcels.length)],
          [t('print.parcelContents'), t('print.parcelContentsValue')],
        ]}
      />
      <table className="paper-table">
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">{t('print.applicationNumber')}</th>
            <th scope="col">{t('print.recipientLabel')}</th>
            <th scope="col">{t('print.address')}</th>
            <th scope="col">{t('print.tracking')}</th>
          </tr>
        </thead>
        <tbody>
          {data.parcels.map((p) => (
            <tr key={p.applicationId} data-testid="batch-list-row">
              <td>{p.position}</td>
              <td className="nowrap">{p.number}</td>
              <td>
                <PaperText value={p.recipientName} />
              </td>
              <td>
                <PaperText value={addressLines(p.address, t).join(', ')} />
              </td>
              <td>{p.tracking ? <Barcode value={p.tracking} module={0.3} height={9} testId="barcode-tracking" /> : t('print.noTrackingShort')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="paper__signatures">
        <SignatureLine role={t('print.handedOverBy')} name={page.header.operator.displayName} />
        <SignatureLine role={t('print.acceptedByPost')} />
      </div>
    </Paper>
  );
}
