import { useTranslation } from 'react-i18next';
import { asApiCallError } from '../api/api-call-error';

/**
 * The sentence for a failed call: `errors.<code>` from i18n (or a more specific key first, when given), else the
 * host's own sentence when this renderer does not know the code.
 */
export function useErrorSentence(): (error: unknown, options?: { specificPrefix?: string; values?: Record<string, unknown> }) => string {
  const { t } = useTranslation();
  return (error, options = {}) => {
    const err = asApiCallError(error);
    const keys = options.specificPrefix ? [`${options.specificPrefix}.${err.code}`, `errors.${err.code}`] : [`errors.${err.code}`];
    return t(keys, { ...options.values, defaultValue: err.message });
  };
}

/** A failed call as the sentence for its code, with a retry button when one makes sense. */
export function ErrorNotice({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  return (
    <div className="error-notice" role="alert" data-testid={testId}>
      <p>{sentence(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
