import type { ApplicationRecord } from '../../../shared/domain/application';
import { FINISHED, type Status } from '../../../shared/domain/status';

/** Where a purged applicant's name sorts: after every name (the queue says the data were removed instead). */
export const PURGED_NAME_SORT = '\uffff';
const NO_IMAGE = '0'.repeat(64);
const NO_DATE = '1900-01-01';
const NO_ADDRESS = { postcode: '00000', region: '', locality: '', street: '', building: '' };

/** Whether a status is one whose personal data are purged after the retention period. */
export function isFinished(status: Status): boolean {
  return FINISHED.includes(status);
}

/**
 * A record with its personal data removed: names, identifiers (RNOKPP, UNZR, the identity document, both licence
 * numbers, the payment receipt), contacts, addresses, the images' hashes and the free text written to the citizen
 * (the refusal's explanation and notes in the history). What stays: ids, the application number, service and
 * ground, statuses and every history step with its time and operator, the refusal's code, fees, the automatic
 * checks and the pickup center. It stays a valid record, so every reader still reads it; `applications.purged_at`
 * is what says the data are gone.
 */
export function purgeRecord(r: ApplicationRecord): ApplicationRecord {
  return {
    ...r,
    applicant: {
      surname: '—', givenName: '—', patronymic: '', birthDate: NO_DATE, sex: 'male', rnokpp: null, unzr: null,
      identityDocument: { type: r.applicant.identityDocument.type, number: '', issuedBy: '', issuedOn: NO_DATE },
      phone: '', email: null, address: NO_ADDRESS,
    },
    licence: { ...r.licence, number: '000000000', issuedOn: NO_DATE, expiresOn: NO_DATE },
    newLicenceNumber: null,
    payment: { ...r.payment, receipt: '' },
    delivery: r.delivery.method === 'ukrposhta' ? { method: 'ukrposhta', address: NO_ADDRESS, recipientPhone: '' } : r.delivery,
    photoHash: NO_IMAGE,
    signatureHash: NO_IMAGE,
    history: r.history.map((h) => ({ ...h, note: null })),
    refusal: r.refusal ? { reasonCode: r.refusal.reasonCode, explanation: '' } : null,
  };
}

/** The queue columns that carry personal data, as a purged application keeps them (no name, no identifiers). */
export function purgedQueueColumns(purgedAt: number) {
  return { applicant_name: '', name_sort: PURGED_NAME_SORT, rnokpp: null, licence_key: '', phone_key: null, purged_at: purgedAt };
}
