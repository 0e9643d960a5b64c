import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../../../shared/domain/application';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { Field, Fields, PassFail, Section } from './Section';

export function PaymentSection({ record }: { record: ApplicationRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = record.payment;
  return (
    <Section title={t('application.paymentSection')}>
      <Fields>
        <Field label={t('application.blankFee')}>{fmt.money(p.blankFee)}</Field>
        <Field label={t('application.adminFee')}>{fmt.money(p.adminFee)}</Field>
        <Field label={t('application.deliveryFee')}>{fmt.money(p.deliveryFee)}</Field>
        <Field label={t('application.totalFee')}>
          <strong>{fmt.money(p.blankFee + p.adminFee + p.deliveryFee)}</strong>
        </Field>
        <Field label={t('application.receipt')}>
          <UserText value={p.receipt} block />
        </Field>
        <Field label={t('application.paidAt')}>{fmt.dateTime(p.paidAt)}</Field>
        <Field label={t('application.paymentConfirmed')}>
          <PassFail ok={p.confirmed} yes={t('app.yes')} no={t('app.no')} />
        </Field>
      </Fields>
    </Section>
  );
}
