import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { ApplicationNumberBlock } from './Barcode';
import { Paper, PaperFields, PaperText, SignatureLine, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'handover_receipt' }>;

/** The citizen's receipt for the licence: identity checked, the new card's series and number, two signatures. */
export function HandoverReceipt({ data, ...page }: PageContext & { data: Data }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return data.items.map((item) => {
    const doc = item.identityDocument;
    return (
      <Paper key={item.applicationId} {...page} title={t('print.documents.handover_receipt')} previousPrints={item.previousPrints} testId="paper-handover_receipt" applicationId={item.applicationId}>
        <ApplicationNumberBlock number={item.number} />
        <h3 className="paper__section">{t('print.recipient')}</h3>
        <PaperFields
          rows={[
            [t('application.fullName'), <PaperText key="n" value={item.applicant.fullName} />],
            [t('application.birthDate'), fmt.calendarDate(item.applicant.birthDate)],
            [t('print.identityDocument'), <PaperText key="d" value={`${t(`identityDocument.${doc.type}`)} ${doc.number}`} />],
            [t('print.identityIssued'), <PaperText key="i" value={`${doc.issuedBy}, ${fmt.calendarDate(doc.issuedOn)}`} />],
          ]}
        />
        <p className="paper__checkbox">
          <span className="paper__box" aria-hidden="true" /> {t('print.identityChecked')}
        </p>
        <h3 className="paper__section">{t('print.licenceHandedOver')}</h3>
        <PaperFields
          rows={[
            [t('print.newLicence'), <strong key="l">{item.newLicenceNumber ?? t('print.newLicenceUnknown')}</strong>],
            [t('application.categories'), item.categories.join(', ') || '—'],
            [t('print.previousLicence'), item.previousLicenceNumber],
          ]}
        />
        <p className="paper__statement">{t('print.receiptStatement')}</p>
        <div className="paper__signatures">
          <SignatureLine role={t('print.citizen')} name={item.applicant.fullName} />
          <SignatureLine role={t('print.administrator')} name={page.header.operator.displayName} />
        </div>
      </Paper>
    );
  });
}
