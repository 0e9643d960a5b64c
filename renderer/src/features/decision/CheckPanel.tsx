import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import { MANUAL_CHECKS, type ManualCheck, type ManualChecks } from '../../../../shared/domain/decisions';
import { PassFail } from '../application/Section';
import { useReasonTitle } from './refusal-reasons';

interface Props {
  autoChecks: ApplicationWorkflow['autoChecks'];
  manualChecks: ManualChecks;
  /** Manual checks can be ticked (the operator holds the claim and the decision is open). */
  manualEnabled: boolean;
  /** Shown at all (a decided application has nothing left to tick). */
  showManual: boolean;
  onManualChange: (check: ManualCheck, value: boolean) => void;
  /** What the operator can do with the manual checks now (tick them here, or affirm them in the approval). */
  manualNote: string;
  /** Opens the refusal with a failed flag's reason chosen; null when refusing is not open to the operator now. */
  onRefuseWith: ((reasonCode: string) => void) | null;
}

/**
 * The four automatic flags (shape and word, never colour alone), each failed one offering its refusal reason,
 * and the manual checks the administrator ticks before approving (keys 1, 2, 3).
 */
export function CheckPanel({ autoChecks, manualChecks, manualEnabled, showManual, onManualChange, manualNote, onRefuseWith }: Props) {
  const { t } = useTranslation();
  const reasonTitle = useReasonTitle();
  return (
    <div className="check-panel">
      <section className="check-panel__group" aria-labelledby="auto-checks-title" data-testid="auto-checks">
        <h3 id="auto-checks-title">{t('application.checksSection')}</h3>
        <ul className="checks">
          {autoChecks.map((c) => (
            <li key={c.check} className="checks__item" data-testid={`auto-check-${c.check}`} data-check={c.check} data-passed={c.passed}>
              <span className="checks__name">{t(`application.checks.${c.check}`)}</span>
              <PassFail ok={c.passed} yes={t('application.checkPassed')} no={t('application.checkFailed')} />
              {!c.passed && (
                <div className="checks__suggest">
                  {onRefuseWith ? (
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      data-testid={`suggested-refusal-${c.check}`}
                      onClick={() => onRefuseWith(c.suggestedReasonCode)}
                    >
                      {t('workflow.refuseWithReason', { reason: reasonTitle(c.suggestedReasonCode) })}
                    </button>
                  ) : (
                    <span className="checks__suggestion">{t('workflow.suggestedReason', { reason: reasonTitle(c.suggestedReasonCode) })}</span>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      {showManual && (
        <fieldset className="check-panel__group manual-checks" data-testid="manual-checks" aria-describedby="manual-checks-note">
          <legend>{t('workflow.manualChecksTitle')}</legend>
          <p id="manual-checks-note" className="muted manual-checks__note" data-testid="manual-checks-note">
            {manualNote}
          </p>
          {MANUAL_CHECKS.map((check, i) => (
            <label key={check} className="manual-check">
              <input
                type="checkbox"
                data-testid={`manual-check-${check}`}
                checked={manualChecks[check]}
                disabled={!manualEnabled}
                aria-keyshortcuts={String(i + 1)}
                onChange={(e) => onManualChange(check, e.target.checked)}
              />
              <span>{t(`workflow.manualChecks.${check}`)}</span>
              <kbd aria-hidden="true">{i + 1}</kbd>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
