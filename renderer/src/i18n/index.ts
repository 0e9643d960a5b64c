import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, type Language } from './catalogue';
import { uk } from './uk';
import { en } from './en';

const STORAGE_KEY = 'console.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'uk';
  } catch {
    return 'uk';
  }
}

/** Starts i18next with both catalogues; `<html lang>` follows the language, and a choice is remembered. */
export function startI18n(): typeof i18n {
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Storage may be unavailable (privacy mode); the language still applies for this session.
    }
  });
  void i18n.use(initReactI18next).init({
    resources: { uk: { translation: uk }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'uk',
    supportedLngs: ['uk', 'en'],
    // React escapes text itself; i18next must not escape it a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

export function currentLanguage(lng: string | undefined): Language {
  const base = (lng ?? '').split('-')[0];
  return isLanguage(base) ? base : 'uk';
}
