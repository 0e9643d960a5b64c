import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { addressLines } from './address';
import { ApplicationNumberBlock } from './Barcode';
import { Paper, PaperFields, PaperText, SignatureLine, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'production_order' }>;

/** The order to produce a licence card: one sheet per application, with everything production needs. */
export function ProductionOrder({ data, ...page }: PageContext & { data: Data }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return data.items.map((item) => {
    const a = item.applicant;
    const d = item.delivery;
    const delivery =
      d.method === 'pickup' ? (
        <>
          {t('delivery.pickup')}: <PaperText value={d.pickupCenterName ?? ''} />
        </>
      ) : (
        <>
          {t('delivery.ukrposhta')}: <PaperText value={d.address ? addressLines(d.address, t).join(', ') : ''} />
        </>
      );
    return (
      <Paper key={item.applicationId} {...page} title={t('print.documents.production_order')} previousPrints={item.previousPrints} testId="paper-production_order" applicationId={item.applicationId}>
        <ApplicationNumberBlock number={item.number} />
        <h3 className="paper__section">{t('print.applicant')}</h3>
        <PaperFields
          rows={[
            [t('application.fullName'), <PaperText key="n" value={a.fullName} />],
            [t('application.birthDate'), fmt.calendarDate(a.birthDate)],
            [t('application.rnokpp'), a.rnokpp ?? t('app.notProvided')],
            [t('application.unzr'), a.unzr ?? t('app.notProvided')],
          ]}
        />
        <h3 className="paper__section">{t('print.licenceToProduce')}</h3>
        <PaperFields
          rows={[
            [t('application.serviceAndGround'), `${t(`service.${item.service}`)} · ${t(`ground.${item.ground}`)}`],
            [t('print.currentLicence'), item.currentLicence.number],
            [t('application.categories'), item.currentLicence.categories.join(', ') || '—'],
            [t('print.currentLicenceValidity'), `${fmt.calendarDate(item.currentLicence.issuedOn)} – ${fmt.calendarDate(item.currentLicence.expiresOn)}`],
            [t('application.deliverySection'), delivery],
          ]}
        />
        <h3 className="paper__section">{t('print.approval')}</h3>
        <PaperFields
          rows={[
            [t('print.approvedAt'), item.approvedAt ? fmt.dateTime(item.approvedAt) : '—'],
            [t('print.approvedBy'), item.approvedBy ? <PaperText key="b" value={item.approvedBy} /> : '—'],
            [t('print.photoHash'), <code key="p">{item.photoHash.slice(0, 16)}</code>],
            [t('print.signatureHash'), <code key="s">{item.signatureHash.slice(0, 16)}</code>],
          ]}
        />
        <div className="paper__signatures">
          <SignatureLine role={t('print.administrator')} name={page.header.operator.displayName} />
        </div>
      </Paper>
    );
  });
}
