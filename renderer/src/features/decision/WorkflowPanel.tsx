import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import { MANUAL_CHECKS, type ManualCheck, type ManualChecks } from '../../../../shared/domain/decisions';
import { isDecisionPending } from '../../../../shared/domain/status';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { navigate } from '../../app/router';
import { ErrorNotice, useErrorSentence } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { followNeighbour, peekNeighbour } from '../queue/queue-neighbours';
import { queueView } from '../queue/queue-view-state';
import { CheckPanel } from './CheckPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { decisionDrafts, type RefusalDraft } from './decision-drafts';
import { leaveDecisionNotice, takeDecisionNotice } from './decision-notice';
import { approvalBlockers, isReadyToApprove } from './decision-rules';
import { DecisionError } from './DecisionError';
import { RefuseDialog } from './RefuseDialog';
import { useRefusalReasons } from './refusal-reasons';
import { useDecisionActions } from './useDecisionActions';
import { WorkflowActions } from './WorkflowActions';

type OpenDialog = 'approve' | 'refuse' | 'release' | null;

/**
 * The application's workflow; with the manual checks ticked so far, the core's approval answer is about exactly
 * what approving would send. A tick refetches while the previous answer stays on screen.
 */
export function useApplicationWorkflow(id: string, manualChecks?: ManualChecks) {
  return useQuery({
    queryKey: [...queryKeys.workflow(id), manualChecks ?? null],
    queryFn: () => api.call('application.workflow', manualChecks ? { id, manualChecks } : { id }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Deciding on one application: who holds the claim, the checks, and claim / release / approve / refuse with
 * their keys. Approval opens the next application of the queue; the other actions stay here.
 */
export function WorkflowPanel({ id, number }: { id: string; number: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentence = useErrorSentence();
  const [manual, setManual] = useState(() => decisionDrafts.manualChecks(id));
  const workflow = useApplicationWorkflow(id, manual);
  const reasons = useRefusalReasons();
  const actions = useDecisionActions(id);
  const [refusalDraft, setRefusalDraft] = useState<RefusalDraft>(() => decisionDrafts.refusal(id) ?? { reasonCode: '', explanation: '' });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(() => takeDecisionNotice());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  const refs = { claim: useRef<HTMLButtonElement>(null), release: useRef<HTMLButtonElement>(null), approve: useRef<HTMLButtonElement>(null), refuse: useRef<HTMLButtonElement>(null) };

  // A button that did its work disappears (claim, release); focus goes to the panel rather than to nowhere.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected) headingRef.current?.focus();
  }, [workflow.dataUpdatedAt]);

  const wf: ApplicationWorkflow | undefined = workflow.data;
  const decisionOpen = wf !== undefined && isDecisionPending(wf.status);
  const holds = wf?.claim?.mine === true;
  const blockers = wf ? approvalBlockers(wf.autoChecks, manual) : null;
  const notAllowedWhy = (a: ApplicationWorkflow['actions']['approve']): string | null => {
    if (a.allowed) return null;
    if (a.code === 'claimed_by_other' && wf?.claim?.operatorName) return t('workflow.whyHeldBy', { name: wf.claim.operatorName });
    return a.code ? sentence({ code: a.code, message: a.message ?? a.code }) : (a.message ?? t('workflow.whyUnknown'));
  };
  const checkNames = (checks: readonly string[], prefix: string) => checks.map((c) => `«${t(`${prefix}.${c}`)}»`).join(', ');
  // The checks' own answer names the failed flags and the unticked boxes; any other refusal is the core's sentence.
  const checkCodes: readonly (string | null)[] = ['automatic_check_failed', 'manual_check_missing'];
  let approveWhy = wf && !checkCodes.includes(wf.actions.approve.code) ? notAllowedWhy(wf.actions.approve) : null;
  if (!approveWhy && blockers && !isReadyToApprove(blockers)) {
    approveWhy = [
      blockers.failedAuto.length ? t('workflow.whyAutoFailed', { checks: checkNames(blockers.failedAuto, 'application.checks') }) : '',
      blockers.missingManual.length && !blockers.failedAuto.length ? t('workflow.whyManualMissing', { checks: checkNames(blockers.missingManual, 'workflow.manualChecks') }) : '',
    ].filter(Boolean).join(' ');
  }
  // While the answer for the latest ticks is on its way, the previous one's "manual check missing" is out of date;
  // the approval itself is still checked by the core.
  const staleManual = workflow.isPlaceholderData && wf?.actions.approve.code === 'manual_check_missing';
  if (!approveWhy && wf && !staleManual) approveWhy = notAllowedWhy(wf.actions.approve);
  const refuseWhy = wf ? notAllowedWhy(wf.actions.refuse) : null;

  const setManualCheck = (check: ManualCheck, value: boolean) => {
    const next = { ...manual, [check]: value };
    setManual(next);
    decisionDrafts.setManualChecks(id, next);
  };
  const changeDraft = (draft: RefusalDraft) => {
    setRefusalDraft(draft);
    decisionDrafts.setRefusal(id, draft);
  };
  const openDialog = (which: Exclude<OpenDialog, null>, button: HTMLButtonElement | null) => {
    // Focus the button first, so that closing the dialog (even one opened by a key) returns focus to it.
    if (button && document.activeElement !== button && !button.contains(document.activeElement)) button.focus();
    actions.clearError();
    setNotice(null);
    setDialog(which);
  };
  const closeDialog = () => {
    actions.clearError();
    setDialog(null);
  };

  const claim = async () => {
    setNotice(null);
    if (await actions.claim()) {
      setNotice(t('workflow.claimedNotice'));
      refocus.current = true;
    }
  };
  const release = async () => {
    setNotice(null);
    if (await actions.release()) {
      setDialog(null);
      setNotice(t('workflow.releasedNotice'));
      refocus.current = true;
    }
  };
  const approve = async () => {
    const neighbour = await peekNeighbour(id, 1).catch(() => undefined);
    const result = await actions.approve(manual);
    if (!result) return;
    leaveDecisionNotice(t('workflow.approvedNotice', { number }));
    const nextId = neighbour?.id ?? result.nextApplicationId;
    if (neighbour) followNeighbour(neighbour);
    if (nextId) {
      navigate({ name: 'application', id: nextId }, { replace: true });
    } else {
      queueView.returning = true;
      navigate({ name: 'queue' });
    }
  };
  const refuse = async (reasonCode: string, explanation: string) => {
    if (await actions.refuse(reasonCode, explanation)) {
      setDialog(null);
      setRefusalDraft({ reasonCode: '', explanation: '' });
      setNotice(t('workflow.refusedNotice'));
      refocus.current = true;
    }
  };
  const onRelease = () => (wf?.claim && !wf.claim.mine ? openDialog('release', refs.release.current) : void release());
  const onRefuseWith = (reasonCode: string) => {
    changeDraft({ ...refusalDraft, reasonCode });
    openDialog('refuse', null);
  };
  const explainInstead = (why: string | null) => why && setNotice(why);

  useLetterShortcuts({
    c: wf?.actions.claim.allowed && !actions.busy ? () => void claim() : undefined,
    u: wf?.actions.release.allowed && !actions.busy ? onRelease : undefined,
    a: decisionOpen ? () => (approveWhy ? explainInstead(approveWhy) : openDialog('approve', refs.approve.current)) : undefined,
    r: decisionOpen ? () => (refuseWhy ? explainInstead(refuseWhy) : openDialog('refuse', refs.refuse.current)) : undefined,
    ...Object.fromEntries(MANUAL_CHECKS.map((c, i) => [String(i + 1), decisionOpen && holds ? () => setManualCheck(c, !manual[c]) : undefined])),
  });

  if (workflow.isError) {
    return (
      <section className="card card--wide workflow-panel" aria-label={t('workflow.title')}>
        <ErrorNotice error={workflow.error} onRetry={() => void workflow.refetch()} />
      </section>
    );
  }
  if (!wf) {
    return (
      <section className="card card--wide workflow-panel" aria-label={t('workflow.title')}>
        <p className="muted">{t('app.loading')}</p>
      </section>
    );
  }

  // U+2068…U+2069 isolate an operator's name inside the sentence, as <bdi> does elsewhere.
  const holderName =
    wf.status === 'in_review' && !wf.claim?.mine ? '\u2068' + (wf.claim?.operatorName ?? wf.claim?.operatorId ?? t('workflow.unknownOperator')) + '\u2069' : '';
  const since = wf.claim?.since ? fmt.dateTime(wf.claim.since) : '—';
  const claimText =
    wf.status === 'in_review'
      ? wf.claim?.mine
        ? t('workflow.claimMine', { since })
        : t('workflow.claimOther', { name: holderName, since })
      : decisionOpen
        ? t('workflow.claimNone')
        : wf.status === 'cancelled'
          ? t('workflow.cancelledState')
          : t('workflow.decidedState', { status: t(`status.${wf.status}`) });

  return (
    <section className="card card--wide workflow-panel" aria-labelledby="workflow-title" data-testid="workflow-panel" data-status={wf.status}>
      <h2 id="workflow-title" ref={headingRef} tabIndex={-1} className="card__title">
        {t('workflow.title')}
      </h2>
      <p className="workflow-claim" data-testid="claim-state" data-mine={wf.claim?.mine ?? false}>
        {claimText}
      </p>
      {wf.pendingOps > 0 && <p className="workflow-sync muted">{t('workflow.pendingOps', { count: wf.pendingOps })}</p>}
      <WorkflowActions
        workflow={wf}
        decisionOpen={decisionOpen}
        approveWhy={approveWhy}
        refuseWhy={refuseWhy}
        busy={actions.busy}
        refs={refs}
        onClaim={() => void claim()}
        onRelease={onRelease}
        onApprove={() => openDialog('approve', refs.approve.current)}
        onRefuse={() => openDialog('refuse', refs.refuse.current)}
      />
      <p className="workflow-notice" role="status" data-testid="decision-notice">
        {notice}
      </p>
      {dialog === null && actions.error !== null && <DecisionError error={actions.error} />}
      <CheckPanel
        autoChecks={wf.autoChecks}
        manualChecks={manual}
        manualEnabled={decisionOpen && holds}
        showManual={decisionOpen}
        onManualChange={setManualCheck}
        onRefuseWith={decisionOpen && wf.actions.refuse.allowed ? onRefuseWith : null}
      />
      {dialog === 'approve' && (
        <ConfirmDialog
          title={t('workflow.approveTitle', { number })}
          confirmLabel={t('workflow.approveConfirm')}
          busy={actions.busy !== null}
          error={actions.error}
          onConfirm={() => void approve()}
          onCancel={closeDialog}
          testId="approve-confirm"
        >
          <p>{t('workflow.approveText')}</p>
        </ConfirmDialog>
      )}
      {dialog === 'release' && (
        <ConfirmDialog
          title={t('workflow.releaseTitle')}
          confirmLabel={t('workflow.releaseConfirm')}
          busy={actions.busy !== null}
          error={actions.error}
          onConfirm={() => void release()}
          onCancel={closeDialog}
          testId="release-confirm"
        >
          <p>{t('workflow.releaseText', { name: holderName })}</p>
        </ConfirmDialog>
      )}
      {dialog === 'refuse' && (
        <RefuseDialog
          reasons={reasons.data?.reasons.filter((r) => r.active) ?? []}
          suggested={wf.suggestedReasonCodes}
          autoChecks={wf.autoChecks}
          draft={refusalDraft}
          onDraftChange={changeDraft}
          busy={actions.busy !== null}
          error={actions.error ?? (reasons.isError ? reasons.error : null)}
          onSubmit={(code, text) => void refuse(code, text)}
          onClose={closeDialog}
        />
      )}
    </section>
  );
}
