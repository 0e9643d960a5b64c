import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import type { RefusalReason } from '../../../../shared/api/reference';
import { cleanExplanation, EXPLANATION_MAX_LENGTH, EXPLANATION_MIN_LENGTH, hasDirectionControls } from '../../../../shared/domain/decisions';
import { ModalDialog } from '../../components/ModalDialog';
import { UserText } from '../../components/UserText';
import { currentLanguage } from '../../i18n';
import type { RefusalDraft } from './decision-drafts';
import { explanationState, isRefusalReady } from './decision-rules';
import { DecisionError } from './DecisionError';
import { reasonTitle } from './refusal-reasons';

interface Props {
  /** Reasons that may be chosen now (the active part of the catalogue). */
  reasons: readonly RefusalReason[];
  /** Reasons the failed automatic checks suggest, marked in the list. */
  suggested: readonly string[];
  /** The automatic checks with the reason each suggests: a reason matching a passed check contradicts it. */
  autoChecks: ApplicationWorkflow['autoChecks'];
  draft: RefusalDraft;
  /** Nobody holds the application yet: the refusal takes it into work in the same action. */
  takeIntoWork: boolean;
  onDraftChange: (draft: RefusalDraft) => void;
  busy: boolean;
  error: unknown;
  onSubmit: (reasonCode: string, explanation: string) => void;
  onClose: () => void;
}

/**
 * The refusal: a reason from the catalogue and an explanation for the citizen, with a preview of exactly what
 * the citizen will read in "My services" (in Ukrainian, as the cabinet shows it). The draft outlives the dialog.
 * Ctrl+Enter sends it from any field (Enter in the explanation is a new line); with a reason already chosen (a
 * draft, or the one a failed check suggests) the explanation takes the focus, so typing can start at once.
 */
export function RefuseDialog({ reasons, suggested, autoChecks, draft, takeIntoWork, onDraftChange, busy, error, onSubmit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  // Without a chosen reason, the one the first failed automatic check suggests is chosen (and the dialog says why).
  const [preselected] = useState(() => (draft.reasonCode ? '' : (suggested[0] ?? '')));
  const [reasonCode, setReasonCode] = useState(draft.reasonCode || preselected);
  const [explanation, setExplanation] = useState(draft.explanation);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const explanationRef = useRef<HTMLTextAreaElement>(null);

  const update = (next: RefusalDraft) => {
    setReasonCode(next.reasonCode);
    setExplanation(next.explanation);
    onDraftChange(next);
  };

  const state = explanationState(explanation);
  const ready = isRefusalReady(reasonCode, explanation, reasons.map((r) => r.code));
  const chosen = reasons.find((r) => r.code === reasonCode);
  const checkName = (check: string) => t(`application.checks.${check}`);
  const preselectedFrom = preselected && reasonCode === preselected ? autoChecks.find((c) => !c.passed && c.suggestedReasonCode === preselected) : undefined;
  const contradicted = autoChecks.find((c) => c.passed && c.suggestedReasonCode === reasonCode);
  // The reasons the failed checks suggest come first, in the order of the checks.
  const ordered = [...reasons].sort((a, b) => rank(a.code) - rank(b.code));
  function rank(code: string): number {
    const i = suggested.indexOf(code);
    return i === -1 ? suggested.length : i;
  }
  const ukT = i18n.getFixedT('uk');
  // What will be saved: direction controls removed (they would reorder the printed notice), trimmed.
  const saved = cleanExplanation(explanation);
  const hadControls = hasDirectionControls(explanation);
  const hint =
    state.kind === 'too_short'
      ? t('refuse.needMore', { count: state.missing })
      : state.kind === 'too_long'
        ? t('refuse.tooLong', { count: state.excess })
        : t('refuse.lengthOk');

  return (
    <ModalDialog
      labelledBy="refuse-title"
      onClose={onClose}
      initialFocus={draft.reasonCode || preselected ? explanationRef : reasonRef}
      className="refuse-dialog"
      testId="refuse-dialog"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) onSubmit(reasonCode, explanation);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        <h2 id="refuse-title" className="modal__title">
          {t('refuse.title')}
        </h2>
        {takeIntoWork && (
          <p className="approve-dialog__claim" data-testid="refuse-takes-into-work">
            {t('refuse.takesIntoWork')}
          </p>
        )}
        <label className="form-field">
          <span>{t('refuse.reason')}</span>
          <select
            ref={reasonRef}
            data-testid="refuse-reason"
            value={reasonCode}
            required
            onChange={(e) => update({ reasonCode: e.target.value, explanation })}
          >
            <option value="">{t('refuse.chooseReason')}</option>
            {ordered.map((r) => (
              <option key={r.code} value={r.code}>
                {reasonTitle(r, language)}
                {suggested.includes(r.code) ? ` — ${t('refuse.suggested')}` : ''}
              </option>
            ))}
          </select>
        </label>
        {preselectedFrom && (
          <p className="field-hint" id="refuse-preselected" data-testid="refuse-preselected">
            {t('refuse.preselected', { check: checkName(preselectedFrom.check) })}
          </p>
        )}
        {contradicted && (
          <p className="field-hint field-hint--warning" role="alert" data-testid="refuse-contradiction">
            {t('refuse.contradictsPassed', { check: checkName(contradicted.check) })}
          </p>
        )}
        <label className="form-field">
          <span>{t('refuse.explanation')}</span>
          <textarea
            ref={explanationRef}
            data-testid="refuse-explanation"
            rows={5}
            value={explanation}
            required
            aria-describedby={preselectedFrom ? 'refuse-preselected refuse-explanation-rule refuse-explanation-count' : 'refuse-explanation-rule refuse-explanation-count'}
            aria-invalid={state.kind === 'too_long' ? true : undefined}
            onChange={(e) => update({ reasonCode, explanation: e.target.value })}
          />
        </label>
        <p className="field-hint">
          <span id="refuse-explanation-rule">{t('refuse.rule', { min: EXPLANATION_MIN_LENGTH, max: EXPLANATION_MAX_LENGTH })}</span>{' '}
          <span id="refuse-explanation-count" className={`counter counter--${state.kind}`} data-testid="refuse-counter">
            {t('refuse.counter', { length: state.length, max: EXPLANATION_MAX_LENGTH })} · {hint}
          </span>
        </p>
        {hadControls && (
          <p className="field-hint" role="status" data-testid="refuse-direction-controls">
            {t('refuse.directionControlsRemoved')}
          </p>
        )}

        <section className="citizen-preview" aria-labelledby="refuse-preview-title">
          <h3 id="refuse-preview-title">{t('refuse.previewTitle')}</h3>
          <div className="citizen-preview__card" lang="uk" data-testid="refuse-preview">
            <p className="citizen-preview__status">{ukT('citizenStatus.refused')}</p>
            <p className="citizen-preview__reason">{chosen ? chosen.titleUk : <span className="muted">{ukT('refuse.previewNoReason')}</span>}</p>
            <div className="citizen-preview__explanation">
              {saved ? <UserText value={saved} block /> : <span className="muted">{ukT('refuse.previewNoExplanation')}</span>}
            </div>
          </div>
        </section>

        {error !== null && error !== undefined && <DecisionError error={error} />}
        {!ready && (
          <p className="muted" id="refuse-submit-why">
            {!chosen ? t('refuse.whyNoReason') : t('refuse.whyExplanation')}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button--danger"
            data-testid="refuse-submit"
            disabled={!ready || busy}
            aria-describedby={!ready ? 'refuse-submit-why' : undefined}
          >
            {takeIntoWork ? t('refuse.submitWithClaim') : t('refuse.submit')} <kbd aria-hidden="true">{t('help.keys.ctrlEnter')}</kbd>
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('workflow.cancel')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
