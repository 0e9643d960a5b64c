import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import type { DecisionKind } from './useDecisionActions';

export interface ActionButtonRefs {
  claim: RefObject<HTMLButtonElement | null>;
  release: RefObject<HTMLButtonElement | null>;
  approve: RefObject<HTMLButtonElement | null>;
  refuse: RefObject<HTMLButtonElement | null>;
}

interface Props {
  workflow: ApplicationWorkflow;
  decisionOpen: boolean;
  /** Why approval is not possible now, or null when it is. */
  approveWhy: string | null;
  refuseWhy: string | null;
  busy: DecisionKind | null;
  refs: ActionButtonRefs;
  onClaim: () => void;
  onRelease: () => void;
  onApprove: () => void;
  onRefuse: () => void;
}

function Key({ k }: { k: string }) {
  return <kbd aria-hidden="true">{k}</kbd>;
}

/**
 * The buttons, each with its key. Claim and release appear only when the core allows them (so an administrator
 * never sees "release" on another's claim); approve and refuse stay in view while the decision is open, disabled
 * with the reason written under them.
 */
export function WorkflowActions({ workflow, decisionOpen, approveWhy, refuseWhy, busy, refs, onClaim, onRelease, onApprove, onRefuse }: Props) {
  const { t } = useTranslation();
  const { actions } = workflow;
  const releasingOther = workflow.claim !== null && !workflow.claim.mine;
  return (
    <div className="workflow-actions">
      <div className="workflow-actions__buttons">
        {actions.claim.allowed && (
          <button ref={refs.claim} type="button" className="button button--primary" data-testid="claim-button" aria-keyshortcuts="c" disabled={busy !== null} onClick={onClaim}>
            {t('workflow.claim')} <Key k="c" />
          </button>
        )}
        {decisionOpen && (
          <>
            <button
              ref={refs.approve}
              type="button"
              className="button button--approve"
              data-testid="approve-button"
              aria-keyshortcuts="a"
              disabled={approveWhy !== null || busy !== null}
              aria-describedby={approveWhy ? 'approve-why' : undefined}
              onClick={onApprove}
            >
              {t('workflow.approve')} <Key k="a" />
            </button>
            <button
              ref={refs.refuse}
              type="button"
              className="button button--danger"
              data-testid="refuse-button"
              aria-keyshortcuts="r"
              disabled={refuseWhy !== null || busy !== null}
              aria-describedby={refuseWhy ? (refuseWhy === approveWhy ? 'approve-why' : 'refuse-why') : undefined}
              onClick={onRefuse}
            >
              {t('workflow.refuse')} <Key k="r" />
            </button>
          </>
        )}
        {actions.release.allowed && (
          <button ref={refs.release} type="button" className="button" data-testid="release-button" aria-keyshortcuts="u" disabled={busy !== null} onClick={onRelease}>
            {releasingOther ? t('workflow.releaseOther') : t('workflow.release')} <Key k="u" />
          </button>
        )}
        {busy && (
          <span className="muted" role="status">
            {t('workflow.working')}
          </span>
        )}
      </div>
      {decisionOpen && approveWhy && (
        <p id="approve-why" className="workflow-why" data-testid="approve-why">
          {approveWhy}
        </p>
      )}
      {decisionOpen && refuseWhy && refuseWhy !== approveWhy && (
        <p id="refuse-why" className="workflow-why" data-testid="refuse-why">
          {refuseWhy}
        </p>
      )}
    </div>
  );
}
