import { describe, expect, it } from 'vitest';
import {
  formatPhone,
  isValidLicenceNumber,
  isValidRnokpp,
  isValidUnzr,
  normaliseLicenceNumber,
  normalisePhone,
  phoneSearchPrefix,
  rnokppCheckDigit,
  rnokppDayNumber,
  stripApostrophes,
} from './identifiers';

describe('RNOKPP', () => {
  // A man born on 1985-03-15: day number 31120, serial 123, sex digit 5 (odd for a man).
  // Weighted sum with weights -1, 5, 7, 9, 4, 6, 10, 5, 7:
  //   3·-1 + 1·5 + 1·7 + 2·9 + 0·4 + 1·6 + 2·10 + 3·5 + 5·7 = -3 + 5 + 7 + 18 + 0 + 6 + 20 + 15 + 35 = 103
  //   103 mod 11 = 4, 4 mod 10 = 4, so the number is 3112012354.
  const MAN = '3112012354';
  // The same with sex digit 6 (even, a woman): 103 - 35 + 42 = 110, 110 mod 11 = 0, so 3112012360.
  const WOMAN = '3112012360';

  it('computes the check digit from the weighted sum of the first nine digits, worked out by hand', () => {
    expect(-3 + 5 + 7 + 18 + 0 + 6 + 20 + 15 + 35).toBe(103);
    expect(rnokppCheckDigit('311201235')).toBe(4);
    expect(rnokppCheckDigit('311201236')).toBe(0);
    expect(isValidRnokpp(MAN)).toBe(true);
    expect(isValidRnokpp(WOMAN)).toBe(true);
  });

  it('turns a remainder of 10 into check digit 0 (the final mod 10)', () => {
    // 3·-1 + 1·5 + 1·7 + 2·9 + 0·4 + 0·6 + 0·10 + 2·5 + 4·7 = 65; 65 mod 11 = 10; 10 mod 10 = 0.
    expect(rnokppCheckDigit('311200024')).toBe(0);
    expect(isValidRnokpp('3112000240')).toBe(true);
  });

  it('counts the first five digits as days since 1899-12-31', () => {
    expect(rnokppDayNumber('1900-01-01')).toBe(1);
    expect(rnokppDayNumber('1985-03-15')).toBe(31120);
    expect(MAN.slice(0, 5)).toBe(String(rnokppDayNumber('1985-03-15')));
    // 2000 was a leap year: 28 February to 1 March is two days.
    expect(rnokppDayNumber('2000-03-01') - rnokppDayNumber('2000-02-28')).toBe(2);
  });

  it('carries the sex in the ninth digit (odd for a man, even for a woman), protected by the check digit', () => {
    expect(Number(MAN[8]) % 2).toBe(1);
    expect(Number(WOMAN[8]) % 2).toBe(0);
    // Flipping the sex digit without recomputing the check digit makes the number invalid.
    expect(isValidRnokpp('3112012364')).toBe(false);
  });

  it('rejects a wrong check digit, a wrong length and non-digits', () => {
    for (let d = 0; d <= 9; d++) if (d !== 4) expect(isValidRnokpp(`311201235${d}`)).toBe(false);
    expect(isValidRnokpp('311201235')).toBe(false);
    expect(isValidRnokpp('31120123540')).toBe(false);
    expect(isValidRnokpp('31120123S4')).toBe(false);
    expect(isValidRnokpp(' 3112012354')).toBe(false);
    expect(isValidRnokpp('')).toBe(false);
  });
});

describe('UNZR', () => {
  it('accepts YYYYMMDD-NNNNN and checks the date part against the birth date when given', () => {
    expect(isValidUnzr('19850315-01234')).toBe(true);
    expect(isValidUnzr('19850315-01234', '1985-03-15')).toBe(true);
    expect(isValidUnzr('19850315-01234', '1985-03-16')).toBe(false);
  });

  it('rejects a missing hyphen, a short record number and extra characters', () => {
    expect(isValidUnzr('1985031501234')).toBe(false);
    expect(isValidUnzr('19850315-1234')).toBe(false);
    expect(isValidUnzr('19850315-012345')).toBe(false);
    expect(isValidUnzr('1985-03-15-01234')).toBe(false);
    expect(isValidUnzr('19850315-01234 ')).toBe(false);
  });
});

describe('licence numbers', () => {
  it("maps Latin look-alike letters to Cyrillic: 'BXA123456' becomes 'ВХА123456'", () => {
    const normalised = normaliseLicenceNumber('BXA123456');
    expect(normalised).toBe('ВХА123456');
    expect([...normalised.slice(0, 3)].map((c) => c.codePointAt(0))).toEqual([0x0412, 0x0425, 0x0410]);
  });

  it('normalises lower case, spaces, hyphens and mixed scripts to the same Cyrillic form', () => {
    for (const typed of ['bxa123456', 'BXA 123456', 'ВХA-123-456', 'вха 123 456', 'ВХА123456']) {
      expect(normaliseLicenceNumber(typed)).toBe('ВХА123456');
    }
  });

  it('accepts three letters and six digits in either script, and rejects other shapes', () => {
    expect(isValidLicenceNumber('ВХА123456')).toBe(true);
    expect(isValidLicenceNumber('BXA123456')).toBe(true);
    expect(isValidLicenceNumber('ВХА12345')).toBe(false);
    expect(isValidLicenceNumber('ВХ1234567')).toBe(false);
    expect(isValidLicenceNumber('123456ВХА')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('normalises +380, 380 and 0 forms, with any spacing or punctuation, to the same nine digits', () => {
    const forms = ['+380671234567', '380671234567', '0671234567', '+38 (067) 123-45-67', '067 123 45 67', '+380 67 123 45 67'];
    for (const form of forms) expect(normalisePhone(form)).toBe('671234567');
  });

  it('accepts the bare nine national digits, but not a 0-prefixed number one digit short', () => {
    expect(normalisePhone('671234567')).toBe('671234567');
    expect(normalisePhone('067123456')).toBeNull();
  });

  it('returns null for text that is not a Ukrainian phone', () => {
    for (const value of ['12345', '+1 555 123 4567', '+4915112345678', 'телефон', '']) expect(normalisePhone(value)).toBeNull();
  });

  it('turns a typed phone prefix into a prefix of the nine-digit form, whichever form was typed', () => {
    expect(phoneSearchPrefix('+38067')).toBe('67');
    expect(phoneSearchPrefix('38067')).toBe('67');
    expect(phoneSearchPrefix('067')).toBe('67');
    expect(phoneSearchPrefix('Шевченко')).toBeNull();
  });

  it('formats nine digits as +380 XX XXX XX XX', () => {
    expect(formatPhone('671234567')).toBe('+380 67 123 45 67');
  });
});

describe('apostrophes', () => {
  it("removes every apostrophe form, so Мар'яна, Марʼяна and Мар’яна search alike", () => {
    for (const name of ["Мар'яна", 'Марʼяна', 'Мар’яна', 'Мар`яна']) expect(stripApostrophes(name)).toBe('Маряна');
  });
});
