import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useQueueSelection } from './queue-selection';

/** What is picked for a batch print, with «Друкувати…» and a way to start over. */
export function SelectionBar({ onPrint }: { onPrint: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const selection = useQueueSelection();
  if (selection.size === 0) return null;
  return (
    <div className="selection-bar" role="region" aria-label={t('selection.label')} data-testid="selection-bar">
      <p className="selection-bar__count" data-testid="selection-count" role="status">
        {t('selection.count', { count: selection.size, formatted: fmt.number(selection.size) })}
      </p>
      <button type="button" className="button button--primary" data-testid="selection-print" onClick={onPrint}>
        {t('selection.print')} <kbd aria-hidden="true">p</kbd>
      </button>
      <button type="button" className="button" data-testid="selection-clear" onClick={() => selection.clear()}>
        {t('selection.clear')}
      </button>
    </div>
  );
}
