import { isoToDayNumber } from '../domain/kyiv-time';
import type { CenterSummary } from './central';
import type { StatusStep } from './facts';
import type { ReportResult, SummaryFigures } from './result';
import { SUMMARY_METRICS } from './result';

export type Language = 'uk' | 'en';
/** A cell: text, a number, a calendar date (a Kyiv day as a UTC-midnight Date), or empty. */
export type Cell = string | number | Date | null;

export interface ReportTable {
  sheet: string;
  columns: { header: string; width: number; format?: 'integer' | 'decimal' | 'percent' | 'date' }[];
  rows: Cell[][];
}

type Text = Record<Language, string>;
const t = (uk: string, en: string): Text => ({ uk, en });

const METRIC: Record<keyof SummaryFigures, Text> = {
  received: t('Надійшло заяв', 'Received'),
  approved: t('Погоджено виготовлення', 'Approved'),
  refused: t('Відмовлено', 'Refused'),
  cancelled: t('Скасовано', 'Cancelled'),
  undecided: t('Не вирішено на кінець періоду', 'Undecided at the end'),
  shippedByPost: t('Відправлено Укрпоштою', 'Shipped by Ukrposhta'),
  handedOver: t('Видано особисто', 'Handed over in person'),
  awaitingPickup: t('Очікують видачі на кінець періоду', 'Awaiting pickup at the end'),
};

const STEP: Record<StatusStep, Text> = {
  submittedToReceived: t('Подано → отримано центром', 'Submitted → received'),
  receivedToInWork: t('Отримано → взято в роботу', 'Received → taken into work'),
  inWorkToDecision: t('В роботі → рішення', 'In work → decision'),
  decisionToArrival: t('Рішення → картка в центрі', 'Decision → card arrived'),
  arrivalToOut: t('Картка в центрі → видано або відправлено', 'Card arrived → handed over or shipped'),
};

const H = {
  metric: t('Показник', 'Figure'), period: t('Період', 'Period'), previous: t('Попередній період', 'Previous period'),
  exchange: t('Обмін', 'Exchange'), renewal: t('Відновлення', 'Renewal'), pickup: t('Самовивіз', 'Pickup'),
  ukrposhta: t('Укрпошта', 'Ukrposhta'), code: t('Код', 'Code'), reason: t('Причина відмови', 'Refusal reason'),
  retired: t('Вилучена з каталогу', 'Retired'), count: t('Кількість', 'Count'), share: t('Частка', 'Share'),
  value: t('Значення', 'Value'), operatorId: t('Ідентифікатор', 'Operator id'), name: t('Адміністратор', 'Administrator'),
  approvals: t('Погоджено', 'Approved'), refusals: t('Відмовлено', 'Refused'), decisions: t('Рішень', 'Decisions'),
  perDay: t('Рішень за робочий день', 'Decisions per working day'),
  median: t('Медіана, год', 'Median, hours'), p90: t('90-й перцентиль, год', '90th percentile, hours'),
  claimMedian: t('Медіана від взяття в роботу до рішення, год', 'Median claim to decision, hours'),
  step: t('Етап', 'Stretch'), center: t('Центр', 'Center'), centerId: t('Код центру', 'Center id'), from: t('З', 'From'), to: t('По', 'To'), yes: t('так', 'yes'), no: t('ні', 'no'),
};

const DEADLINE: Record<string, Text> = {
  decided: t('Рішень за період', 'Decisions in the period'),
  inTime: t('Вчасно', 'Within the deadline'),
  late: t('Із запізненням', 'Late'),
  openAtEnd: t('Не вирішено на кінець періоду', 'Open at the end'),
  overdueAtEnd: t('Прострочено на кінець періоду', 'Overdue at the end'),
  extended: t('Строк продовжено через форс-мажор', 'Deadline extended by force majeure'),
  workingDaysAdded: t('Додано робочих днів', 'Working days added'),
};

export const SHEETS = {
  centers: t('Центри', 'Centers'),
  summary: t('Підсумок', 'Summary'), refusals: t('Відмови', 'Refusals'), deadlines: t('Строки', 'Deadlines'),
  throughput: t('Адміністратори', 'Administrators'), steps: t('Час у статусах', 'Time in status'), trend: t('Динаміка', 'Trend'),
};

/** A slice's column of the previous period. */
const before = (slice: Text): Text => t(`${slice.uk}, попередній період`, `${slice.en}, previous period`);

const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);
const day = (iso: string) => new Date(isoToDayNumber(iso) * 86_400_000);

/** A Kyiv date as dd.mm.yyyy, the way the screen and the files show dates. */
export function uaDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** The title row: the center (its name and id) or, with no name, all service centers; then the period. */
export function reportTitle(r: Pick<ReportResult, 'centerId' | 'period'>, centerName: string | null, lang: Language): string {
  const range = `${uaDate(r.period.from)}–${uaDate(r.period.to)}`;
  if (centerName === null) return lang === 'uk' ? `Звіт усіх сервісних центрів за ${range}` : `Report of all service centers, ${range}`;
  return lang === 'uk' ? `Звіт сервісного центру «${centerName}» (${r.centerId}) за ${range}` : `Report of service center "${centerName}" (${r.centerId}), ${range}`;
}

/**
 * The report as tables, one per sheet, in the order the screen shows them: what the XLSX and CSV exports of the
 * console and of the central server write (the central server's national report adds a sheet per center, below).
 * Only figures, codes and operator names (staff, shown to supervisors): no applicant's personal data.
 */
export function reportTables(r: ReportResult, lang: Language): ReportTable[] {
  const s = r.summary;
  const int = (header: Text, width = 14) => ({ header: header[lang], width, format: 'integer' as const });
  const text = (header: Text, width: number) => ({ header: header[lang], width });
  return [
    {
      sheet: SHEETS.summary[lang],
      // Each slice beside the same slice of the previous period of equal length.
      columns: [
        text(H.metric, 40), int(H.period), int(H.previous, 18),
        int(H.exchange), int(before(H.exchange), 18), int(H.renewal), int(before(H.renewal), 18),
        int(H.pickup), int(before(H.pickup), 18), int(H.ukrposhta), int(before(H.ukrposhta), 18),
      ],
      rows: SUMMARY_METRICS.map((m) => [
        METRIC[m][lang], s.total[m], s.previous[m],
        s.byService.exchange[m], s.previousByService.exchange[m], s.byService.renewal[m], s.previousByService.renewal[m],
        s.byDelivery.pickup[m], s.previousByDelivery.pickup[m], s.byDelivery.ukrposhta[m], s.previousByDelivery.ukrposhta[m],
      ]),
    },
    {
      sheet: SHEETS.refusals[lang],
      columns: [text(H.code, 24), text(H.reason, 70), text(H.retired, 18), int(H.count), { header: H.share[lang], width: 12, format: 'percent' }],
      rows: r.refusals.byReason.map((x) => [x.code, lang === 'uk' ? x.titleUk : x.titleEn, x.active ? H.no[lang] : H.yes[lang], x.count, x.share]),
    },
    {
      sheet: SHEETS.deadlines[lang],
      columns: [text(H.metric, 48), int(H.value)],
      rows: [
        ...(['decided', 'inTime', 'late'] as const).map((k) => [DEADLINE[k]![lang], r.deadlines[k]]),
        ...r.deadlines.lateByDays.map((x) => [lang === 'uk' ? `Із запізненням на ${x.lateDays} роб. дн.` : `Late by ${x.lateDays} working day(s)`, x.count]),
        ...(['openAtEnd', 'overdueAtEnd', 'extended', 'workingDaysAdded'] as const).map((k) => [DEADLINE[k]![lang], r.deadlines[k]]),
      ],
    },
    {
      sheet: SHEETS.throughput[lang],
      columns: [text(H.operatorId, 20), text(H.name, 32), int(H.approvals), int(H.refusals), int(H.decisions),
        { header: H.perDay[lang], width: 16, format: 'decimal' }, { header: H.claimMedian[lang], width: 22, format: 'decimal' }],
      rows: r.throughput.map((o) => [o.operatorId, o.name, o.approved, o.refused, o.decisions, o.perWorkingDay, hours(o.medianClaimToDecisionMs)]),
    },
    {
      sheet: SHEETS.steps[lang],
      columns: [text(H.step, 44), int(H.count), { header: H.median[lang], width: 16, format: 'decimal' }, { header: H.p90[lang], width: 20, format: 'decimal' }],
      rows: r.timeInStatus.map((x) => [STEP[x.step][lang], x.count, hours(x.medianMs), hours(x.p90Ms)]),
    },
    {
      sheet: SHEETS.trend[lang],
      columns: [{ header: H.from[lang], width: 12, format: 'date' }, { header: H.to[lang], width: 12, format: 'date' }, int(METRIC.received), int(METRIC.approved), int(METRIC.refused)],
      rows: r.trend.points.map((p) => [day(p.from), day(p.to), p.received, p.approved, p.refused]),
    },
  ];
}

/** The national report's extra sheet: each center's summary figures for the period, one row per center. */
export function centerTable(centers: readonly CenterSummary[], lang: Language): ReportTable {
  return {
    sheet: SHEETS.centers[lang],
    columns: [
      { header: H.centerId[lang], width: 14 }, { header: H.center[lang], width: 40 },
      ...SUMMARY_METRICS.map((m) => ({ header: METRIC[m][lang], width: 16, format: 'integer' as const })),
    ],
    rows: centers.map((c) => [c.centerId, c.name, ...SUMMARY_METRICS.map((m) => c[m])]),
  };
}
