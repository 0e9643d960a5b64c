import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import { MANUAL_CHECKS, type ManualCheck } from '../../../../shared/domain/decisions';
import { isDecisionPending } from '../../../../shared/domain/status';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { navigate } from '../../app/router';
import { ErrorNotice, useErrorSentence } from '../../components/ErrorNotice';
import { useFormat } from '../../i18n/format';
import { followNeighbour, peekNeighbour } from '../queue/queue-neighbours';
import { CheckPanel } from './CheckPanel';
import { ApproveDialog } from './ApproveDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { decisionDrafts, NO_MANUAL_CHECKS, type RefusalDraft } from './decision-drafts';
import { leaveDecisionNotice, takeDecisionNotice } from './decision-notice';
import { approvalBlockers, decisionRoute, EVERY_CHECK_AFFIRMED } from './decision-rules';
import { DecisionError } from './DecisionError';
import { RefuseDialog } from './RefuseDialog';
import { useRefusalReasons } from './refusal-reasons';
import { useDecisionActions } from './useDecisionActions';
import { WorkflowActions } from './WorkflowActions';

type OpenDialog = 'approve' | 'refuse' | 'release' | null;

/**
 * The application's workflow, asked for an approval with every manual check affirmed: that is what the approval's
 * confirmation sends (it lists each check and affirms them all), so the core's answer is about exactly that.
 */
export function useApplicationWorkflow(id: string) {
  return useQuery({
    queryKey: [...queryKeys.workflow(id), 'affirmed'],
    queryFn: () => api.call('application.workflow', { id, manualChecks: EVERY_CHECK_AFFIRMED }),
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
  const workflow = useApplicationWorkflow(id);
  const reasons = useRefusalReasons();
  const actions = useDecisionActions(id);
  const [refusalDraft, setRefusalDraft] = useState<RefusalDraft>(() => decisionDrafts.refusal(id) ?? { reasonCode: '', explanation: '' });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // Whether the open dialog takes the application into work: fixed when it opens, so what is sent is what the
  // operator was shown, even if the application changes meanwhile (the core then says why it cannot be done).
  const [takesIntoWork, setTakesIntoWork] = useState(false);
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
  const failedAuto = wf ? approvalBlockers(wf.autoChecks, manual).failedAuto : [];
  const notAllowedWhy = (a: ApplicationWorkflow['actions']['approve']): string | null => {
    if (a.allowed) return null;
    if (a.code === 'claimed_by_other' && wf?.claim?.operatorName) return t('workflow.whyHeldBy', { name: wf.claim.operatorName });
    if (a.code === 'automatic_check_failed' && failedAuto.length) return t('workflow.whyAutoFailed', { checks: checkNames(failedAuto, 'application.checks') });
    return a.code ? sentence({ code: a.code, message: a.message ?? a.code }) : (a.message ?? t('workflow.whyUnknown'));
  };
  const checkNames = (checks: readonly string[], prefix: string) => checks.map((c) => `«${t(`${prefix}.${c}`)}»`).join(', ');
  // Decided directly when the operator holds the application, or with the claim in the same action (the fast path).
  const claimOpen = wf?.actions.claim.allowed === true;
  const approveRoute = wf ? decisionRoute(wf.actions.approve, wf.actions.claimAndApprove, claimOpen) : null;
  const refuseRoute = wf ? decisionRoute(wf.actions.refuse, wf.actions.claimAndRefuse, claimOpen) : null;
  const approveWhy = approveRoute?.mode === null ? notAllowedWhy(approveRoute.why) : null;
  const refuseWhy = refuseRoute?.mode === null ? notAllowedWhy(refuseRoute.why) : null;

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
    setTakesIntoWork((which === 'approve' ? approveRoute : which === 'refuse' ? refuseRoute : null)?.mode === 'withClaim');
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
    // The confirmation listed every manual check and affirms those not ticked yet.
    const result = await actions.approve(EVERY_CHECK_AFFIRMED, takesIntoWork);
    if (!result) return;
    leaveDecisionNotice(t('workflow.approvedNotice', { number }));
    const nextId = neighbour?.id ?? result.nextApplicationId;
    if (neighbour) followNeighbour(neighbour);
    if (nextId) {
      navigate({ name: 'application', id: nextId }, { replace: true });
    } else {
      navigate({ name: 'queue' });
    }
  };
  const refuse = async (reasonCode: string, explanation: string) => {
    if (await actions.refuse(reasonCode, explanation, takesIntoWork)) {
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
        manualNote={holds ? t('workflow.manualChecksAffirmLater') : claimOpen ? t('workflow.manualChecksFastPath') : t('workflow.manualChecksLocked')}
        onRefuseWith={decisionOpen && refuseRoute?.mode ? onRefuseWith : null}
      />
      {dialog === 'approve' && (
        <ApproveDialog
          number={number}
          takeIntoWork={takesIntoWork}
          autoChecks={wf.autoChecks}
          ticked={holds ? manual : NO_MANUAL_CHECKS}
          busy={actions.busy !== null}
          error={actions.error}
          onConfirm={() => void approve()}
          onCancel={closeDialog}
        />
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
          takeIntoWork={takesIntoWork}
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
