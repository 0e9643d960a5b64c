import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SEARCH_LENGTH } from '../../../../shared/api/queue';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Esc: back to the grid. */
  onEscape: () => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * Free-text search over name, RNOKPP, licence, application number and phone. A search is at most
 * MAX_SEARCH_LENGTH characters: longer text (typed or pasted) is cut there, and the box says so beside it.
 */
export function QueueSearch({ value, onChange, onEscape, ref }: Props) {
  const { t } = useTranslation();
  const [cut, setCut] = useState(false);
  const showCut = cut && value.length >= MAX_SEARCH_LENGTH;
  return (
    <div className="queue-search">
      <input
        ref={ref}
        type="search"
        data-testid="queue-search"
        aria-label={t('queue.searchLabel')}
        aria-describedby={showCut ? 'queue-search-cut' : undefined}
        placeholder={t('queue.searchPlaceholder')}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          const text = e.target.value;
          const over = text.length > MAX_SEARCH_LENGTH;
          setCut(over || (cut && text.length >= MAX_SEARCH_LENGTH));
          onChange(over ? text.slice(0, MAX_SEARCH_LENGTH) : text);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // The browser would clear a search field on Esc; here Esc means "back to the list", text kept.
            e.preventDefault();
            onEscape();
          }
        }}
      />
      <p id="queue-search-cut" className="queue-search__cut" role="status" data-testid="queue-search-cut">
        {showCut ? t('queue.searchCut', { max: MAX_SEARCH_LENGTH }) : ''}
      </p>
    </div>
  );
}
