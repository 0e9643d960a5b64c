/**
 * Ukrposhta tracking barcodes (DOMAIN.md, "Identifiers").
 *
 * - Domestic items: 13 digits (e.g. `0500101983180`). No public, authoritative rule for a check digit of
 *   Ukrposhta's domestic barcodes was found (the example does not satisfy EAN-13's), so only the form is
 *   checked: exactly 13 digits. A check-digit rule can be added here once Ukrposhta documents one.
 * - International items: UPU S10, two letters (service indicator), eight digits, one check digit, and the ISO
 *   3166-1 alpha-2 code of the issuing country (e.g. `RF426331371SG`). The check digit is computed with the
 *   weights 8 6 4 2 3 5 9 7: 11 - (sum mod 11), where 10 becomes 0 and 11 becomes 5.
 */

export type TrackingKind = 'domestic' | 's10';

export type TrackingCheck =
  | { ok: true; kind: TrackingKind; value: string }
  | { ok: false; reason: TrackingProblem; message: string };

export type TrackingProblem = 'empty' | 'wrong_length' | 'not_digits' | 's10_form' | 's10_check_digit';

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** What a scanner or a person types, reduced to the barcode: spaces and dashes dropped, letters upper case. */
export function normaliseTracking(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The S10 check digit of eight serial digits. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('an S10 serial number is eight digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * S10_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

export function isDomesticTracking(value: string): boolean {
  return /^\d{13}$/.test(value);
}

export function isS10Tracking(value: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(value);
  return m !== null && s10CheckDigit(m[1]!) === Number(m[2]);
}

/** Checks a typed or scanned tracking barcode; the answer names what is wrong in a sentence a person can act on. */
export function checkTracking(raw: string): TrackingCheck {
  const value = normaliseTracking(raw);
  if (!value) return { ok: false, reason: 'empty', message: 'Scan or type the tracking barcode from the parcel.' };
  if (/^\d+$/.test(value)) {
    if (value.length !== 13) {
      return { ok: false, reason: 'wrong_length', message: `A Ukrposhta tracking barcode has 13 digits; this one has ${value.length}.` };
    }
    return { ok: true, kind: 'domestic', value };
  }
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(value)) {
    if (!isS10Tracking(value)) {
      return { ok: false, reason: 's10_check_digit', message: 'The check digit of this international tracking number does not match; check it against the label.' };
    }
    return { ok: true, kind: 's10', value };
  }
  if (/^\d/.test(value)) {
    return { ok: false, reason: 'not_digits', message: 'A Ukrposhta tracking barcode is 13 digits; this one has letters or other characters in it.' };
  }
  return {
    ok: false,
    reason: 's10_form',
    message: 'This is not a tracking barcode: expected 13 digits, or an international number of the form RF426331371SG.',
  };
}
