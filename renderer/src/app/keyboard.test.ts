import { describe, expect, it } from 'vitest';
import { isHelpKey, shortcutDigit, shortcutLetter } from './keyboard';

const key = (key: string, code: string, shiftKey = false) => ({ key, code, shiftKey }) as KeyboardEvent;

describe('shortcut keys on any layout', () => {
  it('a Latin letter is itself, whatever key types it', () => {
    expect(shortcutLetter(key('c', 'KeyC'))).toBe('c');
    expect(shortcutLetter(key('A', 'KeyA'))).toBe('a'); // Caps Lock
    expect(shortcutLetter(key('j', 'KeyC'))).toBe('j'); // Dvorak: the character wins
  });

  it('with the Ukrainian layout the physical key decides', () => {
    expect(shortcutLetter(key('с', 'KeyC'))).toBe('c');
    expect(shortcutLetter(key('к', 'KeyR'))).toBe('r');
    expect(shortcutLetter(key('о', 'KeyJ'))).toBe('j');
  });

  it('other keys are not letters; digits come from the top row or the keypad', () => {
    expect(shortcutLetter(key('Enter', 'Enter'))).toBeNull();
    expect(shortcutDigit(key('1', 'Digit1'))).toBe('1');
    expect(shortcutDigit(key('3', 'Numpad3'))).toBe('3');
    expect(shortcutDigit(key('!', 'Digit1', true))).toBe('1');
  });

  it('help is ? or Shift with the / key', () => {
    expect(isHelpKey(key('?', 'Slash', true))).toBe(true);
    expect(isHelpKey(key(',', 'Slash', true))).toBe(true);
    expect(isHelpKey(key('.', 'Slash'))).toBe(false);
  });
});
