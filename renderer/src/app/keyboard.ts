import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { isModalOpen } from './modal-layer';

/** True when the key press belongs to a text field (so single-letter shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/** A key press with Ctrl, Alt or Meta is the browser's or the system's, not ours. */
export function hasCommandModifier(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  return e.ctrlKey || e.altKey || e.metaKey;
}

/**
 * The Latin letter a key press means for a shortcut, whatever the keyboard layout: the character when it is a
 * Latin letter, otherwise the physical key (so `c` still claims with the Ukrainian layout, where that key types «с»).
 */
export function shortcutLetter(e: KeyboardEvent | ReactKeyboardEvent): string | null {
  if (/^[a-z]$/i.test(e.key)) return e.key.toLowerCase();
  return /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : null;
}

/** A digit key (top row or keypad), for shortcuts like `1`, `2`, `3`. */
export function shortcutDigit(e: KeyboardEvent | ReactKeyboardEvent): string | null {
  if (/^[0-9]$/.test(e.key)) return e.key;
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(e.code);
  return m ? m[1]! : null;
}

/** `?` on any layout: the character, or Shift with the physical `/` key. */
export function isHelpKey(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  return e.key === '?' || (e.code === 'Slash' && e.shiftKey);
}

export type ShortcutMap = Partial<Record<string, () => void>>;

/**
 * Single-key shortcuts of a screen (keys are lower-case Latin letters, digits, or `Escape`). They never fire while a
 * modal is open, while typing in a field (except Esc, when `escapeWhileTyping`), with Ctrl/Alt/Meta or Shift.
 */
export function useLetterShortcuts(shortcuts: ShortcutMap, options: { escapeWhileTyping?: boolean } = {}): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  const escapeWhileTyping = options.escapeWhileTyping ?? false;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isModalOpen() || hasCommandModifier(e) || e.shiftKey || e.repeat) return;
      const typing = isTypingTarget(e.target);
      const name = e.key === 'Escape' ? 'Escape' : (shortcutLetter(e) ?? shortcutDigit(e));
      if (!name || (typing && !(name === 'Escape' && escapeWhileTyping))) return;
      const action = latest.current[name];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [escapeWhileTyping]);
}
