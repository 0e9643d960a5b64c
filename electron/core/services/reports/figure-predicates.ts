import { isoToDayNumber } from '../../../../shared/domain/kyiv-time';
import type { StatusStep } from '../../../../shared/reports/facts';
import type { ReportDrill, ReportFigure } from '../../../../shared/reports/drill';

/** A condition on `report_facts` with its parameters, in the order they appear. */
export interface Predicate {
  sql: string;
  params: unknown[];
}

/** The columns of each time-in-status stretch: its length and the day it ended. */
export const STEP_COLUMNS: Record<StatusStep, { ms: string; day: string }> = {
  submittedToReceived: { ms: 'received_ms', day: 'received_day' },
  receivedToInWork: { ms: 'in_work_ms', day: 'in_work_day' },
  inWorkToDecision: { ms: 'decision_ms', day: 'decided_day' },
  decisionToArrival: { ms: 'arrival_ms', day: 'arrival_day' },
  arrivalToOut: { ms: 'out_ms', day: 'out_day' },
};

const DECIDED = "decision IN ('approved', 'refused')";
const NOT_DECIDED_BY = 'undecided_until > ?';

/**
 * What each figure counts, for days F..T (shared/reports/drill.ts says it in words). The report counts the same
 * conditions in its daily sums (shared/reports/day-counts.ts) and the queue's drill-down lists applications by
 * them as they are, each through the index migration 008 made for its shape, so a figure and its list cannot
 * disagree (reports.test.ts counts every list).
 */
export function figureCondition(figure: ReportFigure, from: number, to: number, step?: StatusStep): Predicate {
  const inRange = (col: string): Predicate => ({ sql: `${col} BETWEEN ? AND ?`, params: [from, to] });
  switch (figure) {
    case 'received':
      return inRange('submitted_day');
    case 'approved':
      return { sql: `decision = 'approved' AND decided_day BETWEEN ? AND ?`, params: [from, to] };
    case 'refused':
      return { sql: `decision = 'refused' AND decided_day BETWEEN ? AND ?`, params: [from, to] };
    case 'decided':
      return { sql: `${DECIDED} AND decided_day BETWEEN ? AND ?`, params: [from, to] };
    case 'cancelled':
      return inRange('cancelled_day');
    case 'undecided':
      return { sql: `${NOT_DECIDED_BY} AND submitted_day <= ?`, params: [to, to] };
    case 'overdueAtEnd':
      return { sql: `${NOT_DECIDED_BY} AND submitted_day <= ? AND due_day < ?`, params: [to, to, to] };
    case 'shippedByPost':
      return inRange('shipped_day');
    case 'handedOver':
      return inRange('handed_day');
    case 'awaitingPickup':
      return { sql: 'waiting_until > ? AND pickup_from_day <= ?', params: [to, to] };
    case 'decidedInTime':
      return { sql: `${DECIDED} AND decided_day BETWEEN ? AND ? AND late_days = 0`, params: [from, to] };
    case 'decidedLate':
      return { sql: `${DECIDED} AND decided_day BETWEEN ? AND ? AND late_days > 0`, params: [from, to] };
    case 'extended':
      return { sql: 'submitted_day BETWEEN ? AND ? AND extended_days > 0', params: [from, to] };
    case 'stepMeasured': {
      const c = STEP_COLUMNS[step!];
      return { sql: `${c.ms} IS NOT NULL AND ${c.day} BETWEEN ? AND ?`, params: [from, to] };
    }
  }
}

/** The whole drill-down condition: the figure, the center, and the narrowing the link carries. */
export function drillCondition(centerId: string, drill: ReportDrill): Predicate {
  const base = figureCondition(drill.figure, isoToDayNumber(drill.from), isoToDayNumber(drill.to), drill.step);
  const parts = ['center_id = ?', `(${base.sql})`];
  const params: unknown[] = [centerId, ...base.params];
  const narrow = (col: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(`${col} = ?`);
    params.push(value);
  };
  narrow('service', drill.service);
  narrow('delivery', drill.delivery);
  narrow('reason_code', drill.reasonCode);
  narrow('decided_by', drill.operatorId);
  narrow('late_days', drill.lateDays);
  return { sql: parts.join(' AND '), params };
}
