import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { checkTracking, normaliseTracking } from '../../../../shared/domain/tracking';
import { useErrorSentence } from '../../components/ErrorNotice';

interface Props {
  number: string;
  saved: string | null;
  /** Saves a checked barcode; rejects with the core's error. */
  onSave: (tracking: string) => Promise<void>;
  ref?: Ref<HTMLInputElement>;
}

/**
 * The tracking barcode of one parcel, typed or scanned (a scanner ends with Enter). Checked here first with the
 * same rule the core applies, so a wrong length or a bad check digit is a sentence at once.
 */
export function TrackingInput({ number, saved, onSave, ref }: Props) {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const [value, setValue] = useState(saved ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = `tracking-error-${number}`;

  const save = async () => {
    const check = checkTracking(value);
    if (!check.ok) {
      setProblem(t(`tracking.problem.${check.reason}`, { count: normaliseTracking(value).length }));
      return;
    }
    if (check.value === saved) return setProblem(null);
    setBusy(true);
    try {
      await onSave(check.value);
      setValue(check.value);
      setProblem(null);
    } catch (err) {
      setProblem(sentence(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tracking-input">
      <input
        ref={ref}
        type="text"
        inputMode="numeric"
        data-testid="tracking-input"
        aria-label={t('shipping.trackingFor', { number })}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? errorId : undefined}
        value={value}
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        disabled={busy}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }}
      />
      {saved !== null && problem === null && (
        <span className="tracking-input__saved" data-testid="tracking-saved">
          <span aria-hidden="true">✓ </span>
          {t('shipping.trackingSaved')}
        </span>
      )}
      {problem !== null && (
        <p id={errorId} className="form-error" role="alert" data-testid="tracking-error">
          {problem}
        </p>
      )}
    </div>
  );
}
