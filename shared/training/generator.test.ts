import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationRecordSchema, GROUNDS_BY_SERVICE } from '../domain/application';
import { isValidRnokpp, isValidUnzr, rnokppDayNumber } from '../domain/identifiers';
import { dayNumberToIso, kyivDayNumber } from '../domain/kyiv-time';
import { TRANSITIONS } from '../domain/status';
import { generateApplications, generateTrainingSet } from './index';

const NOW = Date.UTC(2026, 2, 18, 10, 30); // Wednesday 18 March 2026, 12:30 in Kyiv
const SET = generateTrainingSet({ seed: 42, size: 3000, now: NOW, includeHostile: true });
const APPS = SET.applications;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('determinism', () => {
  it('gives identical output for the same options, run twice', () => {
    const a = generateTrainingSet({ seed: 7, size: 300, now: NOW, includeHostile: true });
    const b = generateTrainingSet({ seed: 7, size: 300, now: NOW, includeHostile: true });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('streams exactly the records generateTrainingSet returns, in the same order', () => {
    const streamed = [...generateApplications({ seed: 42, size: 3000, now: NOW, includeHostile: true })];
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(APPS));
  });

  it('gives different applicants, times and statuses for a different seed, with the same ids', () => {
    const a = generateTrainingSet({ seed: 1, size: 200, now: NOW }).applications;
    const b = generateTrainingSet({ seed: 2, size: 200, now: NOW }).applications;
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    const sameName = a.filter((r, i) => r.applicant.surname === b[i]!.applicant.surname).length;
    const sameTime = a.filter((r, i) => r.submittedAt === b[i]!.submittedAt).length;
    expect(sameName).toBeLessThan(20);
    expect(sameTime).toBeLessThan(5);
  });

  it('never calls Math.random (everything comes from the seed)', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    expect(generateTrainingSet({ seed: 3, size: 100, now: NOW, includeHostile: true }).applications).toHaveLength(100);
  });

  it('rejects a negative or fractional size and a non-finite seed or now', () => {
    expect(() => generateTrainingSet({ seed: 1, size: -1, now: NOW })).toThrow(RangeError);
    expect(() => generateTrainingSet({ seed: 1, size: 1.5, now: NOW })).toThrow(RangeError);
    expect(() => generateTrainingSet({ seed: Number.NaN, size: 1, now: NOW })).toThrow(RangeError);
    expect(() => generateTrainingSet({ seed: 1, size: 1, now: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('keeps every time before now, and moves with now', () => {
    const later = generateTrainingSet({ seed: 42, size: 50, now: NOW + 86_400_000 }).applications;
    const earlier = generateTrainingSet({ seed: 42, size: 50, now: NOW }).applications;
    expect(Date.parse(later[10]!.submittedAt) - Date.parse(earlier[10]!.submittedAt)).toBe(86_400_000);
    for (const r of APPS) for (const h of r.history) expect(Date.parse(h.at)).toBeLessThan(NOW);
  });
});

describe('records', () => {
  it('every record passes ApplicationRecordSchema, hostile ones included', () => {
    for (const r of APPS) ApplicationRecordSchema.parse(r);
  });

  it('chooses each ground from the grounds of its service', () => {
    for (const r of APPS) expect(GROUNDS_BY_SERVICE[r.service]).toContain(r.ground);
  });

  it('has unique ids and unique numbers, numbered in submission order with the Kyiv year of submission', () => {
    expect(new Set(APPS.map((r) => r.id)).size).toBe(APPS.length);
    expect(new Set(APPS.map((r) => r.number)).size).toBe(APPS.length);
    for (const [i, r] of APPS.entries()) {
      expect(r.number).toMatch(/^\d{4}-\d{6}$/);
      expect(r.number.slice(0, 4)).toBe(dayNumberToIso(kyivDayNumber(Date.parse(r.submittedAt))).slice(0, 4));
      if (i > 0) expect(r.submittedAt >= APPS[i - 1]!.submittedAt).toBe(true);
    }
  });

  it('gives every applicant a valid RNOKPP (or rarely none) matching the birth date and sex', () => {
    let missing = 0;
    for (const { applicant: a } of APPS) {
      expect(a.birthDate >= '1950-01-01' && a.birthDate <= '2004-12-31').toBe(true);
      if (a.rnokpp === null) {
        missing++;
        continue;
      }
      expect(isValidRnokpp(a.rnokpp)).toBe(true);
      expect(Number(a.rnokpp.slice(0, 5))).toBe(rnokppDayNumber(a.birthDate));
      expect(Number(a.rnokpp[8]) % 2).toBe(a.sex === 'male' ? 1 : 0);
    }
    expect(missing).toBeGreaterThan(0);
    expect(missing / APPS.length).toBeLessThan(0.03);
  });

  it('gives UNZR from the birth date to ID-card holders, and phones with real operator codes', () => {
    for (const { applicant: a } of APPS) {
      if (a.identityDocument.type === 'id_card') {
        expect(a.identityDocument.number).toMatch(/^\d{9}$/);
        expect(isValidUnzr(a.unzr!, a.birthDate)).toBe(true);
      } else {
        expect(a.identityDocument.number).toMatch(/^[А-ЯІЇЄҐ]{2}\d{6}$/);
      }
      expect(a.phone).toMatch(/^\+380(50|66|67|68|73|93|95|96|97|98|99)\d{7}$/);
      expect(a.address.postcode).toMatch(/^\d{5}$/);
      if (a.email !== null) expect(a.email).toMatch(/^[a-z0-9._]+@[a-z0-9.]+$/);
    }
  });

  it('issues licences with three valid Cyrillic series letters, to drivers who were 18 or older', () => {
    for (const r of APPS) {
      expect(r.licence.number).toMatch(/^[АВЕІКМНОРСТХ]{3}\d{6}$/);
      expect(r.licence.categories.length).toBeGreaterThan(0);
      expect(r.licence.expiresOn > r.licence.issuedOn).toBe(true);
      const eighteen = `${Number(r.applicant.birthDate.slice(0, 4)) + 18}${r.applicant.birthDate.slice(4)}`;
      expect(r.licence.issuedOn >= eighteen).toBe(true);
      if (r.newLicenceNumber !== null) expect(r.newLicenceNumber).toMatch(/^[АВЕІКМНОРСТХ]{3}\d{6}$/);
    }
  });

  it('never mails a first licence, and charges the delivery fee exactly when mailed', () => {
    for (const r of APPS) {
      if (r.licence.firstLicence) expect(r.delivery.method).toBe('pickup');
      expect(r.payment.blankFee).toBe(25_400);
      expect(r.payment.adminFee).toBe(2_600);
      expect(r.payment.deliveryFee).toBe(r.delivery.method === 'ukrposhta' ? 29_400 : 0);
      if (r.delivery.method === 'pickup') expect(SET.centers.map((c) => c.id)).toContain(r.delivery.centerId);
      else expect(r.delivery.address.postcode).toMatch(/^\d{5}$/);
      expect(r.payment.confirmed).toBe(r.autoChecks.paymentConfirmed);
      expect(r.payment.paidAt >= r.submittedAt).toBe(true);
    }
  });

  it('puts the hash of the generated photo and signature in every record', async () => {
    const { sha256Hex, trainingPhotoSvg, trainingSignatureSvg } = await import('./index');
    for (const r of APPS.slice(0, 200)) {
      expect(r.photoHash).toBe(sha256Hex(trainingPhotoSvg(r.id)));
      expect(r.signatureHash).toBe(sha256Hex(trainingSignatureSvg(r.id, r.applicant.surname)));
    }
  });
});

describe('histories', () => {
  it('start with submitted at submittedAt and follow TRANSITIONS with strictly increasing times', () => {
    for (const r of APPS) {
      expect(r.history[0]).toEqual({ status: 'submitted', at: r.submittedAt, operatorId: null, note: null });
      for (let i = 1; i < r.history.length; i++) {
        const prev = r.history[i - 1]!;
        const cur = r.history[i]!;
        expect(TRANSITIONS[prev.status], `${r.id}: ${prev.status} -> ${cur.status}`).toContain(cur.status);
        expect(Date.parse(cur.at)).toBeGreaterThan(Date.parse(prev.at));
      }
      expect(r.status).toBe(r.history[r.history.length - 1]!.status);
      expect(r.version).toBe(r.history.length);
    }
  });

  it('record workstation actions with an operator id and central events without one', () => {
    const central = new Set(['submitted', 'produced', 'delivered', 'cancelled']);
    const workstation = new Set(['in_review', 'approved', 'refused', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'issued', 'returned']);
    for (const r of APPS) {
      for (const h of r.history) {
        if (central.has(h.status)) expect(h.operatorId).toBeNull();
        if (workstation.has(h.status)) expect(h.operatorId).toMatch(/^op-(admin|supervisor)-\d$/);
      }
    }
  });

  it('give refused applications a catalogue reason and an explanation of at least 20 characters, and nobody else a refusal', async () => {
    const { REFUSAL_REASON_CODES } = await import('./index');
    for (const r of APPS) {
      if (r.status === 'refused') {
        expect(REFUSAL_REASON_CODES).toContain(r.refusal!.reasonCode);
        expect(r.refusal!.explanation.length).toBeGreaterThanOrEqual(20);
        expect(r.history[r.history.length - 1]!.note).toBe(r.refusal!.explanation);
      } else {
        expect(r.refusal).toBeNull();
      }
    }
  });

  it('approve only applications whose automatic checks all passed', () => {
    for (const r of APPS) {
      if (r.history.some((h) => h.status === 'approved')) expect(Object.values(r.autoChecks).every(Boolean)).toBe(true);
    }
  });

  it('carry the new licence number from production onwards, and only then', () => {
    for (const r of APPS) {
      const produced = r.history.some((h) => h.status === 'produced');
      expect(r.newLicenceNumber !== null).toBe(produced);
      if (produced) expect(r.history.find((h) => h.status === 'produced')!.note).toBe(r.newLicenceNumber);
    }
  });
});
