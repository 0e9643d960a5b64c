import { useTranslation } from 'react-i18next';
import { asApiCallError } from '../../api/api-call-error';
import { useErrorSentence } from '../../components/ErrorNotice';

/** Why the core refused a decision, as a sentence (`workflow-error`); a lock in the middle says to do it again. */
export function DecisionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const code = asApiCallError(error).code;
  return (
    <p className="form-error" role="alert" data-testid="workflow-error" data-code={code}>
      {code === 'session_locked' ? t('workflow.notDoneLocked') : sentence(error)}
    </p>
  );
}
