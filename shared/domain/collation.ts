/**
 * A sort key in Ukrainian alphabet order. SQLite compares text by code point, which puts Є, І, Ї and Ґ
 * after Я; mapping each letter to its alphabet position makes plain BINARY order correct.
 */
const ALPHABET = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const RANK = new Map<string, number>();
[...ALPHABET].forEach((ch, i) => RANK.set(ch, i));

// Latin letters sort after Cyrillic; digits and spaces before letters.
const SPACE = '\u0001';

/**
 * Each character's part of a key, remembered: a pull keys a hundred thousand names written with a few hundred
 * characters. Bounded, so odd input cannot grow it without end (characters past the bound are mapped each time).
 */
const KEY_OF = new Map<string, string>();
const KEY_OF_MAX = 4096;

export function ukrainianSortKey(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase().normalize('NFC')) {
    let mapped = KEY_OF.get(ch);
    if (mapped === undefined) {
      mapped = keyOfChar(ch);
      if (KEY_OF.size < KEY_OF_MAX) KEY_OF.set(ch, mapped);
    }
    out += mapped;
  }
  return out;
}

function keyOfChar(ch: string): string {
  if (/['ʼ’`´‘]/.test(ch)) return '';
  const r = RANK.get(ch);
  if (r !== undefined) return String.fromCharCode(0x0100 + r);
  if (/\s/.test(ch)) return SPACE;
  if (/[0-9]/.test(ch)) return String.fromCharCode(0x0010 + ch.charCodeAt(0) - 48);
  return String.fromCharCode(0x0200 + Math.min(ch.codePointAt(0)!, 0xd7ff - 0x0200));
}

export function compareUkrainian(a: string, b: string): number {
  const ka = ukrainianSortKey(a);
  const kb = ukrainianSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
