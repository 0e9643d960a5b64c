import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/ModalDialog';
import { DecisionError } from '../decision/DecisionError';

interface Props {
  sheets: number;
  busy: boolean;
  error: unknown;
  onYes: () => void;
  onNo: () => void;
}

/** «Сторінка надрукувалась?»: the operator's word is what records a print the browser could not confirm. */
export function PrintConfirmDialog({ sheets, busy, error, onYes, onNo }: Props) {
  const { t } = useTranslation();
  const yesRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy="print-confirm-title" describedBy="print-confirm-text" onClose={onNo} initialFocus={yesRef} className="confirm-dialog" testId="print-confirm">
      <h2 id="print-confirm-title" className="modal__title">
        {t('print.confirmTitle')}
      </h2>
      <p id="print-confirm-text" className="modal__body">
        {t('print.confirmText', { count: sheets })}
      </p>
      {error !== null && <DecisionError error={error} />}
      <div className="form-actions">
        <button ref={yesRef} type="button" className="button button--primary" data-testid="print-confirm-yes" disabled={busy} onClick={onYes}>
          {t('print.confirmYes')}
        </button>
        <button type="button" className="button" data-testid="print-confirm-no" disabled={busy} onClick={onNo}>
          {t('print.confirmNo')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
      </div>
    </ModalDialog>
  );
}
