import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/ModalDialog';
import { DecisionError } from './DecisionError';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}

/** One question before a decision: the confirm button has focus (Enter confirms), Esc cancels. */
export function ConfirmDialog({ title, children, confirmLabel, busy, error, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} onClose={onCancel} initialFocus={confirmRef} className="confirm-dialog" testId={testId}>
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      <div id={bodyId} className="modal__body">
        {children}
      </div>
      {error !== null && error !== undefined && <DecisionError error={error} />}
      <div className="form-actions">
        <button ref={confirmRef} type="button" className="button button--primary" data-testid={`${testId}-submit`} disabled={busy} onClick={onConfirm}>
          {confirmLabel} <kbd aria-hidden="true">{t('help.keys.enter')}</kbd>
        </button>
        <button type="button" className="button" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {t('workflow.cancel')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
      </div>
    </ModalDialog>
  );
}
