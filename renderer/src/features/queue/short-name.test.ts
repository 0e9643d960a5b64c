import { describe, expect, it } from 'vitest';
import { surnameWithInitials } from './short-name';

describe('surname with initials', () => {
  it('keeps the surname whole and shortens the given name and patronymic', () => {
    expect(surnameWithInitials('Шевченко Тарас Григорович')).toBe('Шевченко Т. Г.');
    expect(surnameWithInitials('Квітка-Основ’яненко Григорій Федорович')).toBe('Квітка-Основ’яненко Г. Ф.');
    expect(surnameWithInitials("Об'єднаний Євген")).toBe("Об'єднаний Є.");
  });

  it('copes with a missing patronymic, extra spaces and parts without letters', () => {
    expect(surnameWithInitials('  Іваненко   Ірина ')).toBe('Іваненко І.');
    expect(surnameWithInitials('Петренко')).toBe('Петренко');
    expect(surnameWithInitials('Петренко — ’Олег')).toBe('Петренко О.');
    expect(surnameWithInitials('<script>alert(1)</script> Олена')).toBe('<script>alert(1)</script> О.');
    expect(surnameWithInitials('')).toBe('');
  });
});
