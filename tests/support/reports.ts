import { generateApplications } from '../../shared/training';
import type { ApplicationRecord } from '../../shared/domain/application';
import type { Db } from '../../electron/core/store/database';

/**
 * Training applications of the test core's center (sc-8041): realistic histories with every status, both
 * services and both delivery methods, refusals with reasons, and operators op-admin-1…3 and op-supervisor-1.
 */
export function reportRecords(size: number, now: number, seed = 11): ApplicationRecord[] {
  return [...generateApplications({ seed, size, now })].map((r) => ({ ...r, centerId: 'sc-8041' }));
}

/**
 * What a retention purge does to a finished application (DESIGN.md, "Data"): the applicant's personal data is
 * replaced in the record and the queue columns, and the search index forgets the name; ids, codes, times and
 * the history stay, so every count stays. The console has no purge service yet; this is the same change by hand.
 */
export function purgePersonalData(db: Db): number {
  const purged = db.transaction(() => {
    const ids = db.prepare("SELECT rowid FROM applications WHERE status IN ('issued', 'delivered', 'refused', 'cancelled')").pluck().all() as number[];
    const blank = JSON.stringify({
      surname: '—', givenName: '—', patronymic: '', birthDate: '1900-01-01', sex: 'male', rnokpp: null, unzr: null,
      identityDocument: { type: 'id_card', number: '', issuedBy: '', issuedOn: '1900-01-01' }, phone: '', email: null,
      address: { postcode: '00000', region: '', locality: '', street: '', building: '' },
    });
    const record = db.prepare("UPDATE application_records SET record = json_set(record, '$.applicant', json(?)) WHERE rowid = ?");
    const row = db.prepare("UPDATE applications SET applicant_name = '—', name_sort = '', rnokpp = NULL, phone_key = NULL WHERE rowid = ?");
    const fts = db.prepare('DELETE FROM applicant_fts WHERE rowid = ?');
    for (const id of ids) {
      record.run(blank, id);
      row.run(id);
      fts.run(id);
    }
    return ids.length;
  });
  return purged.immediate();
}
