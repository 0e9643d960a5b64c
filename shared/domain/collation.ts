/**
 * A sort key in Ukrainian alphabet order. SQLite compares text by code point, which puts Є, І, Ї and Ґ
 * after Я; mapping each letter to its alphabet position makes plain BINARY order correct.
 */
const ALPHABET = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const RANK = new Map<string, number>();
[...ALPHABET].forEach((ch, i) => RANK.set(ch, i));

// Latin letters sort after Cyrillic; digits and spaces before letters.
const SPACE = '\u0001';

export function ukrainianSortKey(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase().normalize('NFC')) {
    if (/['ʼ’`´‘]/.test(ch)) continue;
    const r = RANK.get(ch);
    if (r !== undefined) out += String.fromCharCode(0x0100 + r);
    else if (/\s/.test(ch)) out += SPACE;
    else if (/[0-9]/.test(ch)) out += String.fromCharCode(0x0010 + ch.charCodeAt(0) - 48);
    else out += String.fromCharCode(0x0200 + Math.min(ch.codePointAt(0)!, 0xd7ff - 0x0200));
  }
  return out;
}

export function compareUkrainian(a: string, b: string): number {
  const ka = ukrainianSortKey(a);
  const kb = ukrainianSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
