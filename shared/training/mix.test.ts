import { describe, expect, it } from 'vitest';
import { WorkingCalendar, computeDeadline, deadlineState, dueSoonLimit } from '../domain/deadline';
import { isDecisionPending } from '../domain/status';
import { TRAINING_CENTER_ID, generateTrainingSet, sha256Hex, trainingPhotoSvg, trainingSignatureSvg } from './index';

const NOW = Date.UTC(2026, 2, 18, 10, 30);
const APPS = generateTrainingSet({ seed: 42, size: 4000, now: NOW }).applications;
const share = (pred: (r: (typeof APPS)[number]) => boolean) => APPS.filter(pred).length / APPS.length;

describe('a realistic mix', () => {
  it('has a live queue with overdue, due-soon and on-time applications', () => {
    const calendar = new WorkingCalendar();
    const soon = dueSoonLimit(NOW, calendar);
    const states = new Map<string, number>();
    for (const r of APPS.filter((a) => isDecisionPending(a.status))) {
      const { dueAt } = computeDeadline(Date.parse(r.submittedAt), calendar, new Set());
      const state = deadlineState(dueAt, true, NOW, soon);
      states.set(state, (states.get(state) ?? 0) + 1);
    }
    expect(states.get('overdue')).toBeGreaterThan(10);
    expect(states.get('due_soon')).toBeGreaterThan(10);
    expect(states.get('on_time')).toBeGreaterThan(100);
    for (const status of ['submitted', 'received', 'in_review'] as const) expect(share((r) => r.status === status)).toBeGreaterThan(0.01);
  });

  it('reaches every status, with about 9% refused and about 2% cancelled', () => {
    const seen = new Set(APPS.flatMap((r) => r.history.map((h) => h.status)));
    for (const s of ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered'] as const) {
      expect(seen.has(s), s).toBe(true);
    }
    expect(share((r) => r.status === 'refused')).toBeGreaterThan(0.06);
    expect(share((r) => r.status === 'refused')).toBeLessThan(0.12);
    expect(share((r) => r.status === 'cancelled')).toBeGreaterThan(0.005);
    expect(share((r) => r.status === 'cancelled')).toBeLessThan(0.04);
  });

  it('finishes most applications older than 25 days', () => {
    const old = APPS.filter((r) => NOW - Date.parse(r.submittedAt) > 25 * 86_400_000);
    expect(old.length).toBeGreaterThan(APPS.length * 0.08);
    expect(old.filter((r) => ['issued', 'delivered', 'refused', 'cancelled'].includes(r.status)).length / old.length).toBeGreaterThan(0.8);
    expect(Math.min(...APPS.map((r) => Date.parse(r.submittedAt)))).toBeGreaterThanOrEqual(NOW - 60 * 86_400_000);
  });

  it('mixes services, grounds, deliveries and checks in realistic proportions', () => {
    expect(share((r) => r.service === 'exchange')).toBeGreaterThan(0.75);
    expect(share((r) => r.service === 'exchange')).toBeLessThan(0.85);
    expect(share((r) => r.ground === 'expiry')).toBeGreaterThan(share((r) => r.ground === 'damage'));
    expect(share((r) => r.delivery.method === 'ukrposhta')).toBeGreaterThan(0.38);
    expect(share((r) => r.delivery.method === 'ukrposhta')).toBeLessThan(0.5);
    expect(share((r) => r.licence.firstLicence)).toBeGreaterThan(0.03);
    expect(share((r) => r.licence.firstLicence)).toBeLessThan(0.08);
    expect(share((r) => Object.values(r.autoChecks).every(Boolean))).toBeGreaterThan(0.86);
    expect(share((r) => Object.values(r.autoChecks).every(Boolean))).toBeLessThan(0.95);
    expect(share((r) => r.refusal !== null && !Object.values(r.autoChecks).every(Boolean))).toBeGreaterThan(0.04);
  });

  it('includes names with apostrophes and with Є, І, Ї and Ґ, for sorting and search', () => {
    const names = APPS.map((r) => `${r.applicant.surname} ${r.applicant.givenName} ${r.applicant.patronymic}`);
    for (const pattern of [/'/, /ʼ/, /’/, /^Є|\sЄ/, /^І|\sІ/, /^Ї/, /^Ґ/]) {
      expect(names.some((n) => pattern.test(n)), String(pattern)).toBe(true);
    }
  });

  it('uses feminine surnames and patronymics for women and masculine ones for men', () => {
    const women = APPS.filter((r) => r.applicant.sex === 'female');
    const men = APPS.filter((r) => r.applicant.sex === 'male');
    expect(women.every((r) => /(івна|ївна|ічна|инична)$/.test(r.applicant.patronymic))).toBe(true);
    expect(men.every((r) => /(ович|евич|ич|іч)$/.test(r.applicant.patronymic))).toBe(true);
    expect(women.some((r) => /ська$/.test(r.applicant.surname))).toBe(true);
    expect(women.some((r) => /ський$/.test(r.applicant.surname))).toBe(false);
  });
});

describe('hostile applicants', () => {
  const hostile = generateTrainingSet({ seed: 42, size: 20, now: NOW, includeHostile: true }).applications;
  const plain = generateTrainingSet({ seed: 42, size: 20, now: NOW }).applications;
  const text = (r: (typeof hostile)[number]) => [r.applicant.surname, r.applicant.givenName, r.applicant.patronymic];

  it('puts markup, a right-to-left override, a 10,000-character name, SQL and FTS syntax into the first six records', () => {
    const all = hostile.slice(0, 6).flatMap(text);
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('<img src=x onerror=alert(1)>');
    expect(all).toContain('\u202Eкипаш');
    expect(all).toContain("'; DROP TABLE applications; --");
    expect(all).toContain('NEAR OR "*');
    expect(all.some((s) => s.length === 10_000 && s.startsWith('Шевченко'))).toBe(true);
  });

  it('keeps hostile records in the live queue, leaves later records alone, and puts none in without the option', () => {
    for (const r of hostile.slice(0, 6)) expect(isDecisionPending(r.status)).toBe(true);
    expect(JSON.stringify(hostile.slice(6))).toBe(JSON.stringify(plain.slice(6)));
    const plainText = plain.flatMap(text).join('\n');
    expect(plainText).not.toMatch(/[<>\u202E"]|DROP TABLE|NEAR OR/);
  });

  it('never writes applicant text into the signature SVG', () => {
    const svg = trainingSignatureSvg('app-8041-000001', '<script>alert(1)</script>');
    expect(svg).not.toContain('script');
    expect(svg.length).toBeLessThan(3_000);
  });
});

describe('centers', () => {
  it('lists Ukrainian-named training centers in real cities, the default one first', () => {
    const { centers, centerId } = generateTrainingSet({ seed: 1, size: 0, now: NOW });
    expect(centerId).toBe(TRAINING_CENTER_ID);
    expect(centers[0]!.id).toBe(TRAINING_CENTER_ID);
    for (const c of centers) {
      expect(c.name).toMatch(/^Територіальний сервісний центр МВС № \d{4}$/);
      expect(c.address).toMatch(/^\d{5}, м\. [А-ЯІЇЄҐ]/);
    }
  });

  it('generates applications for another center when asked, adding it to the list if it is new', () => {
    const lviv = generateTrainingSet({ seed: 1, size: 50, now: NOW, centerId: 'sc-4641' });
    expect(lviv.applications.every((r) => r.centerId === 'sc-4641')).toBe(true);
    expect(lviv.applications.filter((r) => r.applicant.address.locality === 'Львів').length).toBeGreaterThan(15);
    const other = generateTrainingSet({ seed: 1, size: 5, now: NOW, centerId: 'sc-9999' });
    expect(other.centers.map((c) => c.id)).toContain('sc-9999');
    expect(other.applications[0]!.id).not.toBe(lviv.applications[0]!.id);
  });
});

describe('images', () => {
  it('hashes with SHA-256 (the FIPS 180-2 "abc" vector) and UTF-8 for Cyrillic', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('Ґ')).not.toBe(sha256Hex('Г'));
  });

  it('draws the same portrait for the same id and a different one for another id, each 1 to 3 KB of SVG', () => {
    const a = trainingPhotoSvg('app-8041-000001');
    expect(trainingPhotoSvg('app-8041-000001')).toBe(a);
    expect(trainingPhotoSvg('app-8041-000002')).not.toBe(a);
    expect(a).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 300 400"/);
    expect(a).toMatch(/<\/svg>$/);
    const sizes = APPS.slice(0, 300).map((r) => new TextEncoder().encode(trainingPhotoSvg(r.id)).length);
    expect(Math.min(...sizes)).toBeGreaterThan(1_000);
    expect(Math.max(...sizes)).toBeLessThan(3_000);
    expect(new Set(APPS.slice(0, 300).map((r) => r.photoHash)).size).toBe(300);
  });

  it('draws a signature that depends on the id and the surname', () => {
    const s = trainingSignatureSvg('app-8041-000001', 'Шевченко');
    expect(s).toMatch(/^<svg[^>]*><path fill="none"[^>]* d="M[-\d ]+C[-\d CQS]+"\/><\/svg>$/);
    expect(trainingSignatureSvg('app-8041-000001', 'Шевченко')).toBe(s);
    expect(trainingSignatureSvg('app-8041-000001', 'Бойко')).not.toBe(s);
    expect(trainingSignatureSvg('app-8041-000002', 'Шевченко')).not.toBe(s);
  });
});
