import { describe, expect, it } from 'vitest';
import { checkTracking, isDomesticTracking, isS10Tracking, normaliseTracking, s10CheckDigit } from './tracking';

describe('UPU S10 tracking numbers', () => {
  it('accepts known valid numbers, including the standard’s own example and both special check digits', () => {
    expect(isS10Tracking('RF426331371SG')).toBe(true); // DOMAIN.md's example
    expect(isS10Tracking('AA473124829GB')).toBe(true); // the example in UPU S10
    expect(isS10Tracking('RR123456785UA')).toBe(true);
    expect(isS10Tracking('CP000000080UA')).toBe(true); // 11 - r = 10 → 0
    expect(isS10Tracking('RA111111115UA')).toBe(true); // 11 - r = 11 → 5
  });

  it('computes the check digit with the weights 8 6 4 2 3 5 9 7, mod 11', () => {
    expect(s10CheckDigit('42633137')).toBe(1);
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(s10CheckDigit('00000008')).toBe(0);
    expect(s10CheckDigit('00000000')).toBe(5);
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });

  it('refuses a wrong check digit, a wrong form, and lower-case letters unless normalised', () => {
    expect(isS10Tracking('RF426331372SG')).toBe(false);
    expect(isS10Tracking('RF42633137SG')).toBe(false);
    expect(isS10Tracking('R1426331371SG')).toBe(false);
    expect(isS10Tracking('RF426331371S')).toBe(false);
    expect(isS10Tracking('rf426331371sg')).toBe(false);
    expect(checkTracking('rf 426 331 371 sg')).toEqual({ ok: true, kind: 's10', value: 'RF426331371SG' });
  });
});

describe('domestic tracking barcodes (form only: no check-digit rule is documented)', () => {
  it('accepts 13 digits, with the spaces or dashes people type', () => {
    expect(isDomesticTracking('0500101983180')).toBe(true);
    expect(checkTracking(' 0500101983180 ')).toEqual({ ok: true, kind: 'domestic', value: '0500101983180' });
    expect(checkTracking('05001-0198318-0')).toEqual({ ok: true, kind: 'domestic', value: '0500101983180' });
    expect(checkTracking('０５００１０１９８３１８０')).toMatchObject({ ok: true, value: '0500101983180' }); // full-width digits
  });

  it('refuses 12 or 14 digits, letters among the digits, and text that is no barcode at all', () => {
    expect(checkTracking('050010198318')).toMatchObject({ ok: false, reason: 'wrong_length' });
    expect(checkTracking('05001019831800')).toMatchObject({ ok: false, reason: 'wrong_length' });
    expect(checkTracking('05001O1983180')).toMatchObject({ ok: false, reason: 'not_digits' });
    expect(checkTracking('0500101983180;')).toMatchObject({ ok: false, reason: 'not_digits' });
    expect(checkTracking('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkTracking('   ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkTracking('ВХА123456')).toMatchObject({ ok: false, reason: 's10_form' });
    expect(checkTracking('<script>alert(1)</script>')).toMatchObject({ ok: false, reason: 's10_form' });
    expect(checkTracking('٠٥٠٠١٠١٩٨٣١٨٠')).toMatchObject({ ok: false }); // Arabic-Indic digits are not barcode digits
  });

  it('every refusal carries a sentence a person can act on', () => {
    for (const raw of ['', '123', 'RF426331372SG', 'AB12', '0500101983180X']) {
      const r = checkTracking(raw);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('normalises without inventing characters', () => {
    expect(normaliseTracking(' ab-12 ')).toBe('AB12');
  });
});
