/** Identifier rules and the normalisation search relies on (DOMAIN.md, "Identifiers"). */

const RNOKPP_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/** Check digit of an RNOKPP from its first nine digits. */
export function rnokppCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * RNOKPP_WEIGHTS[i]!;
  return (((sum % 11) + 11) % 11) % 10;
}

export function isValidRnokpp(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return rnokppCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** Days since 1899-12-31 for a YYYY-MM-DD date: the first five digits of an RNOKPP. */
export function rnokppDayNumber(birthDate: string): number {
  const base = Date.UTC(1899, 11, 31);
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - base) / 86_400_000);
}

export function isValidUnzr(value: string, birthDate?: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})-\d{5}$/.exec(value);
  if (!m) return false;
  if (birthDate && `${m[1]}-${m[2]}-${m[3]}` !== birthDate) return false;
  return true;
}

/** Latin letters that look like Cyrillic ones in licence series, mapped to the Cyrillic letter. */
const LOOKALIKE_TO_CYRILLIC: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKE_TO_CYRILLIC).join('')}]`, 'g');

/** Normalises a licence series and number: upper case, Latin look-alikes as Cyrillic, no spaces. */
export function normaliseLicenceNumber(value: string): string {
  // Two replaces over the string, not a regular expression per character (a pull normalises 100,000 of these).
  return value.toUpperCase().replace(/[\s-]/g, '').replace(LOOKALIKE, (ch) => LOOKALIKE_TO_CYRILLIC[ch]!);
}

export function isValidLicenceNumber(value: string): boolean {
  return /^[А-ЯІЇЄҐA-Z]{3}\d{6}$/u.test(normaliseLicenceNumber(value));
}

/**
 * Normalises a Ukrainian phone number to its nine national digits (after the leading 0),
 * accepting +380…, 380…, 0… and spacing or punctuation. Returns null when it is not a phone.
 */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  if (/^380\d{9}$/.test(digits)) return digits.slice(3);
  if (/^0\d{9}$/.test(digits)) return digits.slice(1);
  if (/^\d{9}$/.test(digits) && !value.trim().startsWith('0')) return digits;
  return null;
}

/** Digits of a phone prefix the user typed, in the nine-digit national form, for prefix search. */
export function phoneSearchPrefix(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.startsWith('380')) return digits.slice(3);
  if (digits.startsWith('0')) return digits.slice(1);
  return null;
}

export function formatPhone(national9: string): string {
  const d = national9;
  return `+380 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 7)} ${d.slice(7, 9)}`;
}

/** Every apostrophe form used in Ukrainian text (' ʼ ’ ` ´), removed for search. */
export const APOSTROPHES = /['ʼ’`´‘]/g;

export function stripApostrophes(value: string): string {
  return value.replace(APOSTROPHES, '');
}
