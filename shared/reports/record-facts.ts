import type { ApplicationRecord, DeliveryMethod } from '../domain/application';
import { computeDeadline, DEFAULT_DEADLINE_RULES, type DeadlineRules, type WorkingCalendar } from '../domain/deadline';
import type { DayNumber } from '../domain/kyiv-time';
import { deriveReportFacts, type ReportFacts, type TimelineStep } from './facts';

/** The parts of a record its report facts come from: no applicant, so a purged record gives the same facts. */
export type FactsSource = Pick<ApplicationRecord, 'id' | 'centerId' | 'service' | 'submittedAt' | 'history' | 'refusal'> & {
  delivery: { method: DeliveryMethod };
};

/** A record's history as a report timeline: each step at the time it happened, a refusal with the record's code. */
export function recordTimeline(record: Pick<ApplicationRecord, 'history' | 'refusal'>): TimelineStep[] {
  const refusalCode = record.refusal?.reasonCode ?? null;
  return record.history.map((h) => ({
    status: h.status,
    at: Date.parse(h.at),
    operatorId: h.operatorId,
    reasonCode: h.status === 'refused' ? refusalCode : null,
  }));
}

/** The decision deadline the facts count against, and the force-majeure working days that extended it. */
export interface FactsDeadline {
  dueAt: number;
  extendedDays: number;
}

/**
 * The queue's deadline (the same `computeDeadline`) for an application filed at `submittedAt` at a center whose
 * force-majeure working days are `fmDays` (`forceMajeureDays` of its periods).
 */
export function deadlineOf(
  submittedAt: number,
  calendar: WorkingCalendar,
  fmDays: ReadonlySet<DayNumber>,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
): FactsDeadline {
  const d = computeDeadline(submittedAt, calendar, fmDays, rules);
  return { dueAt: d.dueAt, extendedDays: d.extendedBy.length };
}

/** The report facts of a record as the central server holds it (its history is the whole timeline). */
export function factsOfRecord(record: FactsSource, deadline: FactsDeadline, calendar: WorkingCalendar): ReportFacts {
  return deriveReportFacts(
    {
      applicationId: record.id, centerId: record.centerId, service: record.service, delivery: record.delivery.method,
      submittedAt: Date.parse(record.submittedAt), steps: recordTimeline(record), refusalCode: record.refusal?.reasonCode ?? null,
      dueAt: deadline.dueAt, extendedDays: deadline.extendedDays,
    },
    calendar,
  );
}
