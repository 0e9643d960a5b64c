import { createHash } from 'node:crypto';
import type { ApplicationRecord } from '../../shared/domain/application';
import type { Status } from '../../shared/domain/status';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** A schema-valid application with the fields a test cares about overridden. */
export type RecordOverrides = Partial<Omit<ApplicationRecord, 'applicant'>> & { applicant?: Partial<ApplicationRecord['applicant']> };

export function makeRecord(n: number, over: RecordOverrides = {}): ApplicationRecord {
  const { applicant, ...rest } = over;
  const status: Status = rest.status ?? 'submitted';
  return {
    id: `app-${String(n).padStart(6, '0')}`,
    number: `2026-${String(n).padStart(6, '0')}`,
    version: 1,
    centerId: 'sc-8041',
    service: 'exchange',
    ground: 'expiry',
    status,
    submittedAt: '2026-11-16T09:00:00.000Z',
    applicant: {
      surname: 'Шевченко',
      givenName: 'Тарас',
      patronymic: 'Григорович',
      birthDate: '1985-03-09',
      sex: 'male',
      rnokpp: '3119804512',
      unzr: '19850309-01234',
      identityDocument: { type: 'id_card', number: '001234567', issuedBy: '8041', issuedOn: '2019-05-01' },
      phone: '+380671234567',
      email: null,
      address: { postcode: '01001', region: 'м. Київ', locality: 'Київ', street: 'вул. Хрещатик', building: '1' },
      ...applicant,
    },
    licence: { number: 'ВХА123456', categories: ['B'], issuedOn: '2016-11-01', expiresOn: '2046-11-01', firstLicence: false },
    newLicenceNumber: null,
    payment: { confirmed: true, receipt: 'R-1', paidAt: '2026-11-16T09:05:00.000Z', blankFee: 25400, adminFee: 2600, deliveryFee: 0 },
    autoChecks: { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true },
    delivery: { method: 'pickup', centerId: 'sc-8041' },
    photoHash: hash(`photo-${n}`),
    signatureHash: hash(`sig-${n}`),
    history: [{ status: 'submitted', at: '2026-11-16T09:00:00.000Z', operatorId: null, note: null }],
    refusal: null,
    ...rest,
  };
}
