import { normaliseLicenceNumber, phoneSearchPrefix, stripApostrophes } from '../../../shared/domain/identifiers';

/**
 * A search box entry turned into plain-text look-ups: FTS5 name tokens (each quoted, so FTS syntax in the
 * input is just text), and identifier prefixes for RNOKPP, licence, application number and phone.
 */
export interface SearchPlan {
  /** An FTS5 MATCH expression built only from quoted tokens, or null when the text has no name tokens. */
  ftsQuery: string | null;
  rnokppPrefix: string | null;
  licencePrefix: string | null;
  numberPrefix: string | null;
  phonePrefix: string | null;
}

const MAX_TOKENS = 6;

/** The text indexed for a name: lower case, apostrophes removed, so «Мар'яна» and «Марʼяна» match alike. */
export function nameIndexText(fullName: string): string {
  return stripApostrophes(fullName.slice(0, 1000)).toLowerCase();
}

/** Digits of an application number, the form it is indexed and searched by ('2026-004521' → '2026004521'). */
export function numberKey(number: string): string {
  return number.replace(/[^0-9A-Za-zА-Яа-яІіЇїЄєҐґ]/g, '').toUpperCase();
}

/**
 * A search shorter than this is not applied yet (the queue stays as it is while the first characters are typed):
 * one letter or two digits would match a good part of 200,000 applications and help nobody.
 */
export const MIN_SEARCH_CHARS = 2;
export const MIN_SEARCH_DIGITS = 3;

export function planSearch(raw: string): SearchPlan | null {
  const text = raw.normalize('NFC').trim().slice(0, 200);
  const compact = text.replace(/[\s\-()]/g, '');
  if (compact.length < MIN_SEARCH_CHARS) return null;
  if (/^\+?\d+$/.test(compact) && compact.replace('+', '').length < MIN_SEARCH_DIGITS) return null;

  const digits = /^\+?\d+$/.test(compact) ? compact.replace('+', '') : null;
  const licenceLike = normaliseLicenceNumber(compact);
  const isLicence = /^[А-ЯІЇЄҐ]{1,3}\d{0,6}$/u.test(licenceLike) && /\d/.test(licenceLike);

  const tokens = stripApostrophes(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TOKENS);
  const ftsQuery = digits === null && tokens.length > 0 ? tokens.map((t) => `"${t}"*`).join(' AND ') : null;

  return {
    ftsQuery,
    rnokppPrefix: digits && digits.length <= 10 ? digits : null,
    licencePrefix: isLicence ? licenceLike : null,
    numberPrefix: digits && digits.length >= 4 ? digits : numberLike(compact),
    phonePrefix: digits && (phoneSearchPrefix(text)?.length ?? 0) >= MIN_SEARCH_DIGITS ? phoneSearchPrefix(text) : null,
  };
}

function numberLike(compact: string): string | null {
  return /^\d{4}[-/]?\d*$/.test(compact) ? numberKey(compact) : null;
}

/** The exclusive upper bound of a prefix range, so `col >= p AND col < next(p)` uses the index. */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\uffff';
}
