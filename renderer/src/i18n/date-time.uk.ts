/** Ukrainian texts of the date and time fields (always dd.mm.yyyy, 24-hour, Kyiv time). */
export const ukDateTime = {
  dateTime: {
    placeholder: {
      date: 'дд.мм.рррр',
      datetime: 'дд.мм.рррр гг:хх',
    },
    hint: {
      date: 'Формат дд.мм.рррр; ↑ і ↓ змінюють число під курсором.',
      datetime: 'Формат дд.мм.рррр гг:хх (24 години); ↑ і ↓ змінюють число під курсором.',
    },
    readBack: '{{weekday}}, {{date}}',
    readBackTime: '{{weekday}}, {{date}}, {{time}} — київський час, {{offset}} ({{season}} час)',
    repeatedHour: 'Того дня годинники переводили назад, тож {{time}} було двічі: узято перший раз (ще літній час).',
    zoneNow: 'Час київський, зараз {{offset}} ({{season}} час), хоч би в якому поясі був комп’ютер.',
    summer: 'літній',
    winter: 'зимовий',
    problem: {
      incomplete_date: 'Введіть дату повністю: дд.мм.рррр, наприклад 26.11.2026.',
      incomplete_datetime: 'Введіть дату й час повністю: дд.мм.рррр гг:хх, наприклад 26.11.2026 09:30.',
      no_such_date: 'Такої дати немає в календарі. Перевірте день, місяць і рік.',
      no_such_time: 'Час пишеться від 00:00 до 23:59.',
      skipped_by_clock_change: 'Такого часу в Києві не було: того дня о 03:00 годинники перевели на 04:00. Вкажіть інший час.',
      after_max_date: 'Цей день ще не настав (сьогодні {{now}}).',
      after_max_datetime: 'Цей час ще не настав (зараз {{now}}).',
    },
  },
} as const;
