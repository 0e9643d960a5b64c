import { useTranslation } from 'react-i18next';
import type { WorkflowStep } from '../../../../shared/api/decisions';
import type { StatusChange } from '../../../../shared/domain/application';
import { MANUAL_CHECKS } from '../../../../shared/domain/decisions';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useReasonTitle } from '../decision/refusal-reasons';
import { Section } from './Section';

/** A history row: pulled history carries statuses only; steps taken here also say which decision and its details. */
interface HistoryRow {
  at: string;
  status: StatusChange['status'];
  action: WorkflowStep['action'];
  operator: string | null;
  reasonCode: string | null;
  explanation: string | null;
  step: WorkflowStep | null;
}

function fromSteps(steps: readonly WorkflowStep[]): HistoryRow[] {
  return steps.map((s) => ({
    at: s.at,
    status: s.status,
    action: s.action,
    operator: s.operatorName ?? s.operatorId,
    reasonCode: s.reasonCode,
    explanation: s.explanation,
    step: s,
  }));
}

function fromHistory(history: readonly StatusChange[], refusalCode: string | null): HistoryRow[] {
  return history.map((h) => ({
    at: h.at,
    status: h.status,
    action: null,
    operator: h.operatorId,
    reasonCode: h.status === 'refused' ? refusalCode : null,
    explanation: h.note,
    step: null,
  }));
}

function StepDetails({ step, nameOf }: { step: WorkflowStep; nameOf: (operatorId: string) => string }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  if (step.action === 'release' && step.releasedClaimOf) lines.push(t('history.releasedClaimOf', { operator: nameOf(step.releasedClaimOf) }));
  if (step.manualChecks) {
    const ticked = MANUAL_CHECKS.filter((c) => step.manualChecks![c]).map((c) => t(`workflow.manualChecks.${c}`));
    lines.push(t('history.manualChecks', { checks: ticked.join('; ') || t('app.none') }));
  }
  if (step.source === 'local' && step.syncState) lines.push(t(`history.sync.${step.syncState}`, { defaultValue: step.syncState }));
  return (
    <>
      {lines.map((line) => (
        <span key={line} className="history-table__detail">
          {line}
        </span>
      ))}
    </>
  );
}

/**
 * Every step with its Kyiv time, the operator by name, the refusal reason and the explanation in their own
 * columns, and what a local decision recorded (manual checks, a released claim, whether it has been sent yet).
 */
export function StatusHistoryTable({ history, steps, refusalCode }: { history: readonly StatusChange[]; steps: readonly WorkflowStep[] | null; refusalCode: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reasonTitle = useReasonTitle();
  const rows = steps ? fromSteps(steps) : fromHistory(history, refusalCode);
  // A released claim names its holder by id; an earlier step of theirs usually carries the name.
  const names = new Map((steps ?? []).filter((s) => s.operatorId && s.operatorName).map((s) => [s.operatorId!, s.operatorName!]));
  const nameOf = (operatorId: string) => names.get(operatorId) ?? operatorId;
  return (
    <Section title={t('application.historySection')} className="card--wide">
      <table className="history-table" data-testid="status-history">
        <thead>
          <tr>
            <th scope="col">{t('application.historyTime')}</th>
            <th scope="col">{t('application.historyStatus')}</th>
            <th scope="col">{t('application.historyOperator')}</th>
            <th scope="col">{t('history.reason')}</th>
            <th scope="col">{t('history.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} data-testid="history-row" data-status={row.status} data-action={row.action ?? undefined} data-source={row.step?.source}>
              <td className="nowrap">{fmt.dateTime(row.at)}</td>
              <td>
                {row.action ? t(`history.action.${row.action}`) : t(`status.${row.status}`)}
                {row.action && t(`history.action.${row.action}`) !== t(`status.${row.status}`) && (
                  <span className="history-table__detail muted">{t(`status.${row.status}`)}</span>
                )}
              </td>
              <td>{row.operator ? <UserText value={row.operator} block /> : <span className="muted">{t('application.historySystem')}</span>}</td>
              <td data-testid="history-reason">
                {row.reasonCode ? (
                  <>
                    <span>{reasonTitle(row.reasonCode)}</span>
                    <code className="history-table__code">{row.reasonCode}</code>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td data-testid="history-explanation">
                {row.explanation ? <UserText value={row.explanation} block /> : !row.step || row.step.source === 'server' ? '—' : null}
                {row.step && <StepDetails step={row.step} nameOf={nameOf} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
