import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY, passwordProblems } from './password-policy';

describe('the operators\' password policy', () => {
  it('accepts a long password with a letter and a digit, in Latin or Cyrillic', () => {
    expect(passwordProblems('river-stone-42')).toEqual([]);
    expect(passwordProblems('Сонях-Ґанок-7')).toEqual([]);
    expect(passwordProblems('kt4m-9vhq-x2pe', { login: 'ivanenko' })).toEqual([]);
  });

  it('counts characters as a person does: ten Cyrillic letters and digits are ten characters', () => {
    expect([...'Їжак2026ра'].length).toBe(PASSWORD_POLICY.minLength);
    expect(passwordProblems('Їжак2026ра')).toEqual([]);
    expect(passwordProblems('Їжак2026р')).toEqual(['too_short']);
  });

  it('names each rule a password breaks', () => {
    expect(passwordProblems('short1')).toEqual(['too_short']);
    expect(passwordProblems('onlyletterswithoutdigits')).toEqual(['needs_letter_and_digit']);
    expect(passwordProblems('1234567890')).toEqual(['needs_letter_and_digit', 'too_simple']);
    expect(passwordProblems('aaaa1aaaa1aa')).toEqual(['too_simple']);
    expect(passwordProblems('MyPassword2026')).toEqual(['too_simple']);
    expect(passwordProblems('ЙЦУКЕН-2026-дім')).toEqual(['too_simple']);
    expect(passwordProblems('x'.repeat(120) + 'abcd5678y')).toEqual(['too_long']);
    expect(passwordProblems('petrenko-2026', { login: 'Petrenko' })).toEqual(['contains_login']);
  });

  it('does not treat a very short login as contained in every password', () => {
    expect(passwordProblems('oak-river-71', { login: 'ok' })).toEqual([]);
  });
});
