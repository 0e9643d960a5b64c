import { DELIVERY_METHODS, SERVICES } from '../domain/application';
import type { ReportDrill } from './drill';
import { SUMMARY_METRICS, type ReportResult } from './result';

/** A countable figure of a report and the drill-down that lists exactly the applications it counted. */
export interface FigureLink {
  /** Stable within a report: the screen's test id and the key of its cell. */
  key: string;
  value: number;
  drill: ReportDrill;
}

/**
 * Every countable figure of a report with its drill-down, in screen order. Medians, percentiles, shares, rates
 * and the working days added are not counts: on the screen each leads to the list of the count it was worked out
 * from (the count beside it).
 */
export function figureLinks(r: ReportResult): FigureLink[] {
  const out: FigureLink[] = [];
  const { from, to } = r.period;
  const add = (key: string, value: number, drill: Omit<ReportDrill, 'from' | 'to'> & Partial<Pick<ReportDrill, 'from' | 'to'>>) =>
    out.push({ key, value, drill: { from, to, ...drill } as ReportDrill });
  const s = r.summary;
  for (const m of SUMMARY_METRICS) {
    add(`summary.${m}`, s.total[m], { figure: m });
    add(`summary.${m}.previous`, s.previous[m], { figure: m, ...r.previousPeriod });
    for (const service of SERVICES) {
      add(`summary.${m}.${service}`, s.byService[service][m], { figure: m, service });
      add(`summary.${m}.${service}.previous`, s.previousByService[service][m], { figure: m, service, ...r.previousPeriod });
    }
    for (const delivery of DELIVERY_METHODS) {
      add(`summary.${m}.${delivery}`, s.byDelivery[delivery][m], { figure: m, delivery });
      add(`summary.${m}.${delivery}.previous`, s.previousByDelivery[delivery][m], { figure: m, delivery, ...r.previousPeriod });
    }
  }
  add('refusals.total', r.refusals.total, { figure: 'refused' });
  for (const x of r.refusals.byReason) add(`refusals.${x.code}`, x.count, { figure: 'refused', reasonCode: x.code });
  const d = r.deadlines;
  add('deadlines.decided', d.decided, { figure: 'decided' });
  add('deadlines.inTime', d.inTime, { figure: 'decidedInTime' });
  add('deadlines.late', d.late, { figure: 'decidedLate' });
  for (const x of d.lateByDays) add(`deadlines.late.${x.lateDays}`, x.count, { figure: 'decidedLate', lateDays: x.lateDays });
  add('deadlines.openAtEnd', d.openAtEnd, { figure: 'undecided' });
  add('deadlines.overdueAtEnd', d.overdueAtEnd, { figure: 'overdueAtEnd' });
  add('deadlines.extended', d.extended, { figure: 'extended' });
  for (const o of r.throughput) {
    add(`throughput.${o.operatorId}.approved`, o.approved, { figure: 'approved', operatorId: o.operatorId });
    add(`throughput.${o.operatorId}.refused`, o.refused, { figure: 'refused', operatorId: o.operatorId });
    add(`throughput.${o.operatorId}.decisions`, o.decisions, { figure: 'decided', operatorId: o.operatorId });
    // The decisions the median time from taking into work is of (shown as the median's link).
    add(`throughput.${o.operatorId}.measured`, o.measuredDecisions, { figure: 'stepMeasured', step: 'inWorkToDecision', operatorId: o.operatorId });
  }
  for (const x of r.timeInStatus) add(`steps.${x.step}`, x.count, { figure: 'stepMeasured', step: x.step });
  for (const p of r.trend.points) {
    add(`trend.${p.from}.received`, p.received, { figure: 'received', from: p.from, to: p.to });
    add(`trend.${p.from}.approved`, p.approved, { figure: 'approved', from: p.from, to: p.to });
    add(`trend.${p.from}.refused`, p.refused, { figure: 'refused', from: p.from, to: p.to });
  }
  return out;
}
