/** Ukrainian texts of the diagnostics bundle for IT (issue 12). */
export const ukDiagnostics = {
  diagnostics: {
    title: 'Діагностика для ІТ',
    lead: 'Пакет з версіями, станом синхронізації, перевіркою бази й журналу аудиту та останніми журналами роботи. Персональних даних у ньому немає.',
    export: 'Зберегти діагностичний пакет',
    written: 'Пакет збережено ({{entries}} файлів, {{kilobytes}} КБ):',
    integrityFailed: 'Перевірка цілісності бази виявила помилки — передайте пакет ІТ.',
    auditBroken: 'Ланцюжок журналу аудиту порушено — передайте пакет ІТ.',
  },
} as const;
