import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { addressLines } from './address';
import { Barcode } from './Barcode';
import { PaperMarks, PaperText, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'address_label' }>;

/**
 * Our own address label for a parcel (not an imitation of Ukrposhta's sticker), one per 100 × 150 mm sheet:
 * sender, recipient, postcode in large type and the tracking barcode; the application number for the center.
 */
export function AddressLabel({ data, header, training }: PageContext & { data: Data }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return data.items.map((item) => (
    <article key={item.applicationId} className="paper paper--label" data-testid="paper-address_label" data-application-id={item.applicationId} data-copy={item.previousPrints > 0}>
      <PaperMarks previousPrints={item.previousPrints} training={training} />
      <h2 className="sr-only">{t('print.documents.address_label')}</h2>
      <section className="label__from">
        <h3>{t('print.sender')}</h3>
        <p>
          <PaperText value={header.center.name} />
        </p>
        {header.center.address && (
          <p>
            <PaperText value={header.center.address} />
          </p>
        )}
        <p>
          {t('print.date')}: {fmt.calendarDate(header.date)} · {t('print.operator')}: <PaperText value={header.operator.displayName} />
        </p>
      </section>
      <section className="label__to">
        <h3>{t('print.recipientLabel')}</h3>
        <p className="label__name">
          <PaperText value={item.recipientName} />
        </p>
        {addressLines(item.address, t)
          .slice(0, -1)
          .map((line, i) => (
            <p key={i}>
              <PaperText value={line} />
            </p>
          ))}
        <p className="label__postcode">{item.address.postcode}</p>
        <p>
          {t('application.phone')}: <PaperText value={item.recipientPhone} />
        </p>
        <p className="label__contents">{t('print.labelContents')}</p>
      </section>
      <section className="label__tracking">
        {item.tracking ? (
          <>
            <h3>{t('print.tracking')}</h3>
            <Barcode value={item.tracking} module={0.38} height={13} testId="barcode-tracking" />
          </>
        ) : (
          <p className="label__no-tracking">{t('print.noTracking')}</p>
        )}
      </section>
      <section className="label__application">
        <p>
          {t('print.applicationNumber')}: {item.number}
        </p>
        <Barcode value={item.number} module={0.25} height={7} testId="barcode-application" />
      </section>
    </article>
  ));
}
