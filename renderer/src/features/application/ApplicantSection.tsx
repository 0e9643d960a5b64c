import { useTranslation } from 'react-i18next';
import type { Address, ApplicationRecord } from '../../../../shared/domain/application';
import { formatPhone, normalisePhone } from '../../../../shared/domain/identifiers';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { Field, Fields, Section } from './Section';

/** A phone as +380 XX XXX XX XX when it is a Ukrainian number, else as written. */
export function displayPhone(phone: string): string {
  const national = normalisePhone(phone);
  return national ? formatPhone(national) : phone;
}

export function useAddressText(): (a: Address) => string {
  const { t } = useTranslation();
  return (a) =>
    [a.postcode, a.region, a.locality, a.street, a.building, a.apartment ? t('application.apartment', { apartment: a.apartment }) : null]
      .filter((part): part is string => !!part && part.trim() !== '')
      .join(', ');
}

export function fullName(r: ApplicationRecord): string {
  const a = r.applicant;
  return [a.surname, a.givenName, a.patronymic].filter((p) => p.trim() !== '').join(' ');
}

export function ApplicantSection({ record }: { record: ApplicationRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const addressText = useAddressText();
  const a = record.applicant;
  const doc = a.identityDocument;
  return (
    <Section title={t('application.applicantSection')}>
      <Fields>
        <Field label={t('application.fullName')}>
          <UserText value={fullName(record)} block />
        </Field>
        <Field label={t('application.birthDate')}>{fmt.calendarDate(a.birthDate)}</Field>
        <Field label={t('application.sex')}>{t(`sex.${a.sex}`)}</Field>
        <Field label={t('application.rnokpp')}>{a.rnokpp ? <UserText value={a.rnokpp} /> : t('app.none')}</Field>
        <Field label={t('application.unzr')}>{a.unzr ? <UserText value={a.unzr} /> : t('app.none')}</Field>
        <Field label={t('application.identityDocument')}>
          {t(`identityDocument.${doc.type}`)} <UserText value={doc.number} />
          <span className="field-note">
            {/* U+2068…U+2069 isolate the issuer inside the sentence, as <bdi> does elsewhere. */}
            {t('application.documentIssued', { issuedBy: '\u2068' + doc.issuedBy + '\u2069', issuedOn: fmt.calendarDate(doc.issuedOn) })}
          </span>
        </Field>
        <Field label={t('application.phone')}>
          <UserText value={displayPhone(a.phone)} />
        </Field>
        <Field label={t('application.email')}>{a.email ? <UserText value={a.email} block /> : t('app.notProvided')}</Field>
        <Field label={t('application.address')}>
          <UserText value={addressText(a.address)} block />
        </Field>
      </Fields>
    </Section>
  );
}
