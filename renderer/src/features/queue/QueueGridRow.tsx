import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../../shared/api/queue';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { DeadlineCell } from './DeadlineCell';
import { COLUMNS } from './columns';

interface Props {
  index: number;
  row: QueueRow | undefined;
  selected: boolean;
  top: number;
  onActivate: (index: number, row: QueueRow) => void;
}

export function rowDomId(index: number): string {
  return `queue-row-${index}`;
}

/** One application in the grid, or a placeholder while its block loads. Long or hostile text is clamped. */
export const QueueGridRow = memo(function QueueGridRow({ index, row, selected, top, onActivate }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const style = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <div role="row" className="grid-row grid-row--placeholder" aria-rowindex={index + 2} aria-busy="true" data-testid="queue-row-placeholder" style={style}>
        <div role="gridcell" className="grid-cell grid-cell--placeholder" aria-colspan={COLUMNS.length}>
          <span className="sr-only">{t('queue.loadingRow')}</span>
          <span className="skeleton" aria-hidden="true" />
        </div>
      </div>
    );
  }
  return (
    <div
      role="row"
      id={rowDomId(index)}
      className={selected ? 'grid-row grid-row--selected' : 'grid-row'}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="queue-row"
      data-id={row.id}
      style={style}
      onClick={() => onActivate(index, row)}
    >
      <div role="gridcell" className="grid-cell grid-cell--number">
        <UserText value={row.number} />
      </div>
      <div role="gridcell" className="grid-cell">
        <UserText value={row.applicantName} />
      </div>
      <div role="gridcell" className="grid-cell">
        {t(`service.${row.service}`)} · {t(`ground.${row.ground}`)}
      </div>
      <div role="gridcell" className="grid-cell">
        {fmt.date(row.submittedAt)}
      </div>
      <div role="gridcell" className="grid-cell">
        <DeadlineCell row={row} />
      </div>
      <div role="gridcell" className="grid-cell">
        <span className={`status-badge status-badge--${row.status}`}>{t(`status.${row.status}`)}</span>
      </div>
      <div role="gridcell" className="grid-cell">
        {t(`delivery.${row.delivery}`)}
      </div>
    </div>
  );
});
