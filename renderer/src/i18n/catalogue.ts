/**
 * The shape every language catalogue has: the same nested keys as the Ukrainian one, each leaf a string.
 * Typing the English catalogue with it makes a missing or extra key a compile error; keys.test.ts checks it too.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Intl locales used for dates and numbers in each interface language. */
export const LOCALE_OF: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
