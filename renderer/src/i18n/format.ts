import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { KYIV_TZ } from '../../../shared/domain/kyiv-time';
import { LOCALE_OF } from './catalogue';
import { currentLanguage } from './index';

/** Formatters for one locale: instants in Kyiv time, calendar dates as written, money from kopiykas. */
export interface Formatters {
  /** An instant's calendar day in Kyiv, e.g. 12.03.2025. */
  date(iso: string): string;
  /** An instant in Kyiv, e.g. 12.03.2025, 14:05. */
  dateTime(iso: string): string;
  /** A calendar date (YYYY-MM-DD) as it is, with no time-zone shift. */
  calendarDate(isoDate: string): string;
  number(value: number): string;
  /** An amount in kopiykas as hryvnias. */
  money(kopiykas: number): string;
}

export function makeFormatters(locale: string): Formatters {
  const date = new Intl.DateTimeFormat(locale, { timeZone: KYIV_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: KYIV_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const calendar = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  const number = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'UAH', minimumFractionDigits: 2 });
  const safe = (fn: () => string, fallback: string): string => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    date: (iso) => safe(() => date.format(new Date(iso)), iso),
    dateTime: (iso) => safe(() => dateTime.format(new Date(iso)), iso),
    calendarDate: (isoDate) => safe(() => calendar.format(new Date(`${isoDate}T00:00:00Z`)), isoDate),
    number: (value) => number.format(value),
    money: (kopiykas) => money.format(kopiykas / 100),
  };
}

const cache = new Map<string, Formatters>();

export function formattersFor(language: string | undefined): Formatters {
  const locale = LOCALE_OF[currentLanguage(language)];
  let f = cache.get(locale);
  if (!f) {
    f = makeFormatters(locale);
    cache.set(locale, f);
  }
  return f;
}

/** The formatters of the current interface language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formattersFor(i18n.language), [i18n.language]);
}
