import type { Catalogue } from './catalogue';
import type { ukDateTime } from './date-time.uk';

/** English texts of the date and time fields (still dd.mm.yyyy, 24-hour, Kyiv time). */
export const enDateTime: Catalogue<typeof ukDateTime> = {
  dateTime: {
    placeholder: {
      date: 'dd.mm.yyyy',
      datetime: 'dd.mm.yyyy hh:mm',
    },
    hint: {
      date: 'Format dd.mm.yyyy; ↑ and ↓ change the number under the cursor.',
      datetime: 'Format dd.mm.yyyy hh:mm (24-hour); ↑ and ↓ change the number under the cursor.',
    },
    readBack: '{{weekday}}, {{date}}',
    readBackTime: '{{weekday}}, {{date}}, {{time}} — Kyiv time, {{offset}} ({{season}} time)',
    repeatedHour: 'The clocks went back that day, so {{time}} happened twice: the first time is taken (still summer time).',
    zoneNow: 'Kyiv time, now {{offset}} ({{season}} time), whatever zone the computer is in.',
    summer: 'summer',
    winter: 'winter',
    problem: {
      incomplete_date: 'Enter the whole date: dd.mm.yyyy, for example 26.11.2026.',
      incomplete_datetime: 'Enter the whole date and time: dd.mm.yyyy hh:mm, for example 26.11.2026 09:30.',
      no_such_date: 'There is no such date in the calendar. Check the day, month and year.',
      no_such_time: 'A time goes from 00:00 to 23:59.',
      skipped_by_clock_change: 'That time did not exist in Kyiv: the clocks went from 03:00 to 04:00 that day. Enter another time.',
      after_max_date: 'That day has not come yet (today is {{now}}).',
      after_max_datetime: 'That time has not come yet (it is {{now}} now).',
    },
  },
};
