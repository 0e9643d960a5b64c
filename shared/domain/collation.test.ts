import { describe, expect, it } from 'vitest';
import { compareUkrainian, ukrainianSortKey } from './collation';

/** The Ukrainian alphabet, in order (33 letters). */
const ALPHABET = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';

const before = (a: string, b: string) => expect(compareUkrainian(a, b), `${a} < ${b}`).toBeLessThan(0);

describe('ukrainianSortKey', () => {
  it('orders the 33 letters of the Ukrainian alphabet as the alphabet does: а б в г ґ д е є ж з и і ї й к … ю я', () => {
    const letters = [...ALPHABET];
    expect(letters).toHaveLength(33);
    const shuffled = [...letters].reverse();
    expect(shuffled.sort(compareUkrainian)).toEqual(letters);
    expect([...ALPHABET.toUpperCase()].sort(compareUkrainian)).toEqual([...ALPHABET.toUpperCase()]);
  });

  it('puts Ґ after Г: Гавриленко, then Ґава', () => {
    before('Гавриленко', 'Ґава');
    before('Гуменюк', 'Ґава');
    before('Ґава', 'Давиденко');
  });

  it('puts Є after Е and before Ж: Евенко, Єрмак, Жук', () => {
    before('Евенко', 'Єрмак');
    before('Єрмак', 'Жук');
  });

  it('puts І after И: Иванишин, then Іванов', () => {
    before('Иванишин', 'Іванов');
  });

  it('puts Ї after І and before Й: Іванов, Їжак, Йосипенко', () => {
    before('Іванов', 'Їжак');
    before('Їжак', 'Йосипенко');
  });

  it('sorts a list of surnames in alphabet order, where code-point order gets Є, І, Ї and Ґ wrong', () => {
    const expected = ['Гавриленко', 'Ґава', 'Евенко', 'Єрмак', 'Жук', 'Иванишин', 'Іванов', 'Їжак', 'Йосипенко', 'Яковенко'];
    const input = [...expected].reverse();
    expect([...input].sort(compareUkrainian)).toEqual(expected);
    // Plain string order puts upper-case Є, І, Ї before А and Ґ after Я; that is why the key exists.
    expect([...input].sort()).not.toEqual(expected);
    expect(['Ґава', 'Яковенко'].sort()).toEqual(['Яковенко', 'Ґава']);
  });

  it('makes plain binary comparison of the keys give alphabet order (what SQLite does with the stored key)', () => {
    const names = ['Їжак', 'Ґава', 'Єрмак', 'Іванов', 'Абрамович'];
    const byKey = [...names].sort((a, b) => (ukrainianSortKey(a) < ukrainianSortKey(b) ? -1 : 1));
    expect(byKey).toEqual(['Абрамович', 'Ґава', 'Єрмак', 'Іванов', 'Їжак']);
  });

  it('ignores letter case', () => {
    expect(ukrainianSortKey('ҐАВА')).toBe(ukrainianSortKey('ґава'));
    expect(compareUkrainian('єрмак', 'Єрмак')).toBe(0);
  });

  it("ignores apostrophes of every form, so П'ятак, Пʼятак and П’ятак share a key and sort between Пятаков and Пятницький", () => {
    const key = ukrainianSortKey("П'ятак");
    expect(ukrainianSortKey('Пʼятак')).toBe(key);
    expect(ukrainianSortKey('П’ятак')).toBe(key);
    expect(key).toBe(ukrainianSortKey('Пятак'));
    before("П'ятак", 'Пятаков');
    before('Пятаков', 'Пятницький');
  });

  it('sorts a shorter name before a longer one it begins, and a space before any letter', () => {
    before('Іван', 'Іванов');
    before('Іван Петренко', 'Іванов');
  });

  it('sorts digits before letters and Latin letters after Cyrillic ones', () => {
    before('2026-000001', 'Абрамович');
    before('2026-000001', '2026-000002');
    before('Яковенко', 'Adams');
  });
});
