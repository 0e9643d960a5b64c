import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Esc: back to the grid. */
  onEscape: () => void;
  ref?: Ref<HTMLInputElement>;
}

/** Free-text search over name, RNOKPP, licence, application number and phone. */
export function QueueSearch({ value, onChange, onEscape, ref }: Props) {
  const { t } = useTranslation();
  return (
    <div className="queue-search">
      <input
        ref={ref}
        type="search"
        data-testid="queue-search"
        aria-label={t('queue.searchLabel')}
        placeholder={t('queue.searchPlaceholder')}
        value={value}
        maxLength={200}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // The browser would clear a search field on Esc; here Esc means "back to the list", text kept.
            e.preventDefault();
            onEscape();
          }
        }}
      />
    </div>
  );
}
