import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintDocument } from '../../../../shared/domain/facts';
import { ModalDialog } from '../../components/ModalDialog';
import { openPrintPreview } from './print-job';

/** Documents printed per application (the batch list and the daily register have their own screens). */
export const PER_APPLICATION_DOCUMENTS = ['production_order', 'handover_receipt', 'address_label', 'refusal_notice'] as const satisfies readonly PrintDocument[];

interface Props {
  ids: string[];
  /** The document suggested first (the one that fits the application's status). */
  suggested?: PrintDocument;
  onClose: () => void;
}

/** «Друкувати…»: which document to print for the applications chosen; opens one preview with every sheet. */
export function PrintChooser({ ids, suggested, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [document, setDocument] = useState<PrintDocument>(suggested ?? 'production_order');
  const openRef = useRef<HTMLButtonElement>(null);
  const open = () => openPrintPreview({ document, ids });
  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={openRef} className="confirm-dialog" testId="print-chooser">
      <h2 id={titleId} className="modal__title">
        {t('print.chooseTitle', { count: ids.length })}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open();
        }}
      >
        <fieldset className="choice-list">
          <legend>{t('print.chooseDocument')}</legend>
          {PER_APPLICATION_DOCUMENTS.map((d) => (
            <label key={d} className="choice-list__item">
              <input type="radio" name="document" value={d} checked={document === d} data-testid={`print-choice-${d}`} onChange={() => setDocument(d)} />
              <span>
                {t(`print.documents.${d}`)}
                <span className="choice-list__hint muted">{t(`print.fits.${d}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button ref={openRef} type="submit" className="button button--primary" data-testid="print-chooser-open">
            {t('print.openPreview')} <kbd aria-hidden="true">{t('help.keys.enter')}</kbd>
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('workflow.cancel')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
