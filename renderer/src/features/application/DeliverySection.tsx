import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/api/application';
import { UserText } from '../../components/UserText';
import { displayPhone, useAddressText } from './ApplicantSection';
import { Field, Fields, Section } from './Section';

/** Pickup at a named center, or Ukrposhta to an address with postcode and the recipient's phone. */
export function DeliverySection({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const addressText = useAddressText();
  const d = detail.record.delivery;
  return (
    <Section title={t('application.deliverySection')}>
      <Fields>
        <Field label={t('application.deliveryMethod')}>{t(`delivery.${d.method}`)}</Field>
        {d.method === 'pickup' ? (
          <Field label={t('application.pickupCenter')}>
            <UserText value={detail.pickupCenterName ?? d.centerId} block />
          </Field>
        ) : (
          <>
            <Field label={t('application.postcode')}>
              <UserText value={d.address.postcode} />
            </Field>
            <Field label={t('application.shippingAddress')}>
              <UserText value={addressText(d.address)} block />
            </Field>
            <Field label={t('application.recipientPhone')}>
              <UserText value={displayPhone(d.recipientPhone)} />
            </Field>
          </>
        )}
      </Fields>
    </Section>
  );
}
