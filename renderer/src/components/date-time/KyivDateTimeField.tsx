import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_OF } from '../../i18n/catalogue';
import { currentLanguage } from '../../i18n';
import {
  caretAfterMask,
  formatWallTime,
  maskDateTimeText,
  parseDateTimeText,
  readDateTimeField,
  stepDateTimeText,
  type DateTimeKind,
} from './date-time-text';
import { instantToKyivWall, isKyivSummerTime, kyivOffsetLabel } from './kyiv-wall-time';

interface Props {
  kind: DateTimeKind;
  label: string;
  /** The text as typed (already in the field's form); the owner reads it with `readDateTimeField`. */
  value: string;
  onChange: (text: string) => void;
  testId: string;
  /** The latest moment allowed (the core's "now"): a later one is an error at once. ↑ in an empty field starts there. */
  maxMs?: number;
  /** Show problems before the field was left (after the form was sent); an empty field then says `emptyMessage`. */
  showErrors?: boolean;
  emptyMessage?: string;
  /** Ids of text that describes the field too (the zone of the form). */
  describedBy?: string;
}

/** Kyiv's offset at an instant and the season it belongs to, in the interface language. */
export function useKyivZoneText(): (ms: number) => { offset: string; season: string } {
  const { t } = useTranslation();
  return (ms) => ({ offset: kyivOffsetLabel(ms), season: isKyivSummerTime(ms) ? t('dateTime.summer') : t('dateTime.winter') });
}

/**
 * A date, or a date and time, typed in the Ukrainian form (dd.mm.yyyy, 24-hour hh:mm) in Kyiv time whatever the
 * browser's locale and zone: a text box that puts the separators in as digits arrive, ↑ and ↓ to change the part
 * under the caret, the value read back in words (weekday, Kyiv offset) and a sentence for anything it cannot be.
 */
export function KyivDateTimeField({ kind, label, value, onChange, testId, maxMs, showErrors = false, emptyMessage, describedBy }: Props) {
  const { t, i18n } = useTranslation();
  const zoneText = useKyivZoneText();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [touched, setTouched] = useState(false);

  useLayoutEffect(() => {
    const el = inputRef.current;
    if (pendingCaret.current === null || !el) return;
    if (document.activeElement === el) el.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const reading = readDateTimeField(value, kind, maxMs);
  const problem = reading.ok ? null : reading.problem;
  let message: string | null = null;
  if (problem === 'empty') message = showErrors ? (emptyMessage ?? null) : null;
  else if (problem === 'incomplete') message = touched || showErrors ? t(`dateTime.problem.incomplete_${kind}`) : null;
  else if (problem === 'after_max') message = t(`dateTime.problem.after_max_${kind}`, { now: maxMs !== undefined ? formatWallTime(instantToKyivWall(maxMs), kind) : '' });
  else if (problem) message = t(`dateTime.problem.${problem}`);

  let readBack = '';
  let repeated = '';
  if (reading.ok) {
    const { year, month, day } = reading.wall;
    const weekday = new Intl.DateTimeFormat(LOCALE_OF[currentLanguage(i18n.language)], { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
    const date = formatWallTime(reading.wall, 'date');
    if (reading.instant) {
      const time = formatWallTime(reading.wall, 'datetime').slice(11);
      readBack = t('dateTime.readBackTime', { weekday, date, time, ...zoneText(reading.instant.ms) });
      if (reading.instant.repeated) repeated = t('dateTime.repeatedHour', { time });
    } else {
      readBack = t('dateTime.readBack', { weekday, date });
    }
  }

  const hintId = `${id}-hint`;
  const readBackId = `${id}-readback`;
  const errorId = `${id}-error`;
  const repeatedId = `${id}-repeated`;
  const described = [hintId, readBack ? readBackId : '', repeated ? repeatedId : '', message ? errorId : '', describedBy ?? ''].filter(Boolean).join(' ');

  return (
    <div className="date-time-field" data-testid={`${testId}-field`}>
      <label className="form-field">
        <span>{label}</span>
        <input
          ref={inputRef}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="date-time-field__input"
          data-testid={testId}
          data-kind={kind}
          placeholder={t(`dateTime.placeholder.${kind}`)}
          value={value}
          aria-invalid={message ? true : undefined}
          aria-describedby={described}
          onChange={(e) => {
            const el = e.target;
            const masked = maskDateTimeText(el.value, kind);
            const at = caretAfterMask(el.value, el.selectionStart ?? el.value.length, kind);
            if (masked === value) {
              // Nothing the field keeps was typed (a letter): put the text back with the caret where it was.
              el.value = masked;
              el.setSelectionRange(at, at);
              return;
            }
            pendingCaret.current = at;
            onChange(masked);
          }}
          onKeyDown={(e) => {
            if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
            const fallback = instantToKyivWall(maxMs ?? Date.now());
            const stepped = stepDateTimeText(value, e.currentTarget.selectionStart ?? value.length, e.key === 'ArrowUp' ? 1 : -1, kind, fallback);
            if (!stepped) return;
            e.preventDefault();
            pendingCaret.current = stepped.caret;
            onChange(stepped.text);
          }}
          onBlur={() => {
            setTouched(true);
            // Written out in full once left: "1.3.2026 9:05" reads back as 01.03.2026 09:05.
            const parsed = parseDateTimeText(value, kind);
            if (parsed.ok && formatWallTime(parsed.wall, kind) !== value) onChange(formatWallTime(parsed.wall, kind));
          }}
        />
      </label>
      <p id={hintId} className="field-hint">
        {t(`dateTime.hint.${kind}`)}
      </p>
      {readBack && (
        <p id={readBackId} className="date-time-field__readback" data-testid={`${testId}-readback`}>
          {readBack}
        </p>
      )}
      {repeated && (
        <p id={repeatedId} className="field-hint field-hint--note" data-testid={`${testId}-repeated`}>
          {repeated}
        </p>
      )}
      {message && (
        <p id={errorId} className="form-error" role="alert" data-testid={`${testId}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}
