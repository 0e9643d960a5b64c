import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../../../shared/domain/application';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { Field, Fields, Section } from './Section';

export function LicenceSection({ record }: { record: ApplicationRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const l = record.licence;
  return (
    <Section title={t('application.licenceSection')}>
      <Fields>
        <Field label={t('application.licenceNumber')}>
          <UserText value={l.number} />
        </Field>
        <Field label={t('application.categories')}>
          <UserText value={l.categories.join(', ') || '—'} />
        </Field>
        <Field label={t('application.issuedOn')}>{fmt.calendarDate(l.issuedOn)}</Field>
        <Field label={t('application.expiresOn')}>{fmt.calendarDate(l.expiresOn)}</Field>
        <Field label={t('application.firstLicence')}>{l.firstLicence ? t('app.yes') : t('app.no')}</Field>
        <Field label={t('application.newLicenceNumber')}>
          {record.newLicenceNumber ? <UserText value={record.newLicenceNumber} /> : t('application.newLicenceNotYet')}
        </Field>
      </Fields>
    </Section>
  );
}
