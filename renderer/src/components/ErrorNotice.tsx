import { useTranslation } from 'react-i18next';
import { asApiCallError } from '../api/api-call-error';

/** A failed call as the sentence for its code, with a retry button when one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const err = asApiCallError(error);
  return (
    <div className="error-notice" role="alert">
      <p>{t(`errors.${err.code}`, { defaultValue: err.message })}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
