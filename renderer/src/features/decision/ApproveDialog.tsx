import { useTranslation } from 'react-i18next';
import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import { MANUAL_CHECKS, type ManualChecks } from '../../../../shared/domain/decisions';
import { PassFail } from '../application/Section';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  number: string;
  /** Nobody holds the application yet: confirming takes it into work in the same action. */
  takeIntoWork: boolean;
  autoChecks: ApplicationWorkflow['autoChecks'];
  /** The checks the operator ticked one by one so far; the rest are affirmed by this confirmation. */
  ticked: ManualChecks;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The one confirmation of an approval: it lists the automatic checks as they stand and each manual check, and
 * confirming (Enter) affirms every manual check not ticked yet, so each is still affirmed by the operator, by
 * name, and recorded with who and when.
 */
export function ApproveDialog({ number, takeIntoWork, autoChecks, ticked, busy, error, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const allTicked = MANUAL_CHECKS.every((c) => ticked[c]);
  const confirmLabel = takeIntoWork ? t('workflow.approveConfirmWithClaim') : allTicked ? t('workflow.approveConfirm') : t('workflow.approveConfirmAffirm');
  return (
    <ConfirmDialog
      title={t('workflow.approveTitle', { number })}
      confirmLabel={confirmLabel}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="approve-confirm"
    >
      {takeIntoWork && (
        <p className="approve-dialog__claim" data-testid="approve-takes-into-work">
          {t('workflow.approveTakesIntoWork')}
        </p>
      )}
      <h3 className="approve-dialog__heading">{t('workflow.approveAutoTitle')}</h3>
      <ul className="checks approve-dialog__checks" data-testid="approve-auto-checks">
        {autoChecks.map((c) => (
          <li key={c.check} className="checks__item" data-check={c.check} data-passed={c.passed}>
            <span className="checks__name">{t(`application.checks.${c.check}`)}</span>
            <PassFail ok={c.passed} yes={t('application.checkPassed')} no={t('application.checkFailed')} />
          </li>
        ))}
      </ul>
      <h3 className="approve-dialog__heading">{t('workflow.approveManualTitle')}</h3>
      <ul className="checks approve-dialog__checks" data-testid="approve-manual-checks">
        {MANUAL_CHECKS.map((check) => (
          <li key={check} className="checks__item" data-check={check} data-ticked={ticked[check]}>
            <span className="checks__name">{t(`workflow.manualChecks.${check}`)}</span>
            <span className="approve-dialog__affirm">
              <span aria-hidden="true">✓ </span>
              {ticked[check] ? t('workflow.approveManualTicked') : t('workflow.approveManualAffirmed')}
            </span>
          </li>
        ))}
      </ul>
      <p>{t('workflow.approveText')}</p>
    </ConfirmDialog>
  );
}
