import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '../../../../shared/api/paperwork';
import { api } from '../../api/client';
import { ModalDialog } from '../../components/ModalDialog';
import { DecisionError } from '../decision/DecisionError';

/** Resolving a review item: the supervisor's note is required (what was checked, what was done). */
export function ResolveDialog({ item, onClose, onResolved }: { item: ReviewItem; onClose: () => void; onResolved: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const noteId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('review.resolve', { id: item.id, note });
      onResolved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={noteRef} className="confirm-dialog" testId="resolve-dialog">
      <h2 id={titleId} className="modal__title">
        {t('review.resolveTitle', { number: item.applicationNumber ?? item.applicationId })}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t(`factFlag.${item.reason}`)}</p>
        <label className="form-field" htmlFor={noteId}>
          <span>{t('review.note')}</span>
        </label>
        <textarea ref={noteRef} id={noteId} data-testid="resolve-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        {error !== null && <DecisionError error={error} />}
        <div className="form-actions">
          <button type="submit" className="button button--primary" data-testid="resolve-submit" disabled={busy}>
            {t('review.resolve')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('workflow.cancel')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
