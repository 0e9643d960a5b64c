import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../../shared/api/queue';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { DeadlineCell } from './DeadlineCell';
import { COLUMNS } from './columns';
import { surnameWithInitials } from './short-name';

interface Props {
  index: number;
  row: QueueRow | undefined;
  selected: boolean;
  /** Picked for a batch print (the box in the first column). */
  picked: boolean;
  top: number;
  /** The full name (a wide grid) or the surname with initials. */
  fullNames: boolean;
  onActivate: (index: number, row: QueueRow) => void;
  /** A click on the box or Ctrl-click toggles; Shift-click picks the range from the last toggled row. */
  onPick: (index: number, row: QueueRow, range: boolean) => void;
}

/** A local action on the application has not reached the central server yet: a shape and words, not colour alone. */
function AwaitingSyncMark() {
  const { t } = useTranslation();
  return (
    <span className="sync-mark" title={t('sync.awaitingSync')} data-testid="awaiting-sync">
      <span aria-hidden="true">⟳</span>
      <span className="sr-only">{t('sync.awaitingSync')}</span>
    </span>
  );
}

export function rowDomId(index: number): string {
  return `queue-row-${index}`;
}

/** One application in the grid, or a placeholder while its block loads. Long or hostile text is clamped. */
export const QueueGridRow = memo(function QueueGridRow({ index, row, selected, picked, top, fullNames, onActivate, onPick }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const style = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <div role="row" className="grid-row grid-row--placeholder" aria-rowindex={index + 2} aria-busy="true" data-testid="queue-row-placeholder" style={style}>
        <div role="gridcell" className="grid-cell grid-cell--placeholder" aria-colspan={COLUMNS.length + 1}>
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
      data-picked={picked}
      style={style}
      onClick={(e) => {
        if (e.shiftKey || e.ctrlKey || e.metaKey) {
          e.preventDefault();
          onPick(index, row, e.shiftKey);
        } else {
          onActivate(index, row);
        }
      }}
    >
      <div role="gridcell" className="grid-cell grid-cell--pick">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={picked}
          data-testid="queue-row-pick"
          aria-label={t('selection.pickRow', { number: row.number })}
          onClick={(e) => {
            e.stopPropagation();
            onPick(index, row, e.shiftKey);
          }}
          onChange={() => {}}
        />
      </div>
      <div role="gridcell" className="grid-cell grid-cell--number">
        <UserText value={row.number} />
      </div>
      {/* In a narrow grid (1280 px screens) the surname whole with initials; the full name is the tooltip then. */}
      {row.purged ? (
        <div role="gridcell" className="grid-cell grid-cell--purged" title={t('queue.purgedFull')} data-testid="queue-row-applicant">
          {t('queue.purged')}
        </div>
      ) : (
        <div role="gridcell" className="grid-cell" title={row.applicantName.slice(0, 300)} data-testid="queue-row-applicant">
          <UserText value={fullNames ? row.applicantName : surnameWithInitials(row.applicantName)} />
        </div>
      )}
      {/* The ground first (it is what the administrator checks), the service under it. */}
      <div role="gridcell" className="grid-cell grid-cell--two-line" title={`${t(`service.${row.service}`)} · ${t(`ground.${row.ground}`)}`}>
        <span className="grid-cell__line" data-testid="queue-row-ground">
          {t(`ground.${row.ground}`)}
        </span>
        <span className="grid-cell__line grid-cell__line--minor">{t(`service.${row.service}`)}</span>
      </div>
      <div role="gridcell" className="grid-cell">
        {fmt.date(row.submittedAt)}
      </div>
      <div role="gridcell" className="grid-cell grid-cell--deadline">
        <DeadlineCell row={row} />
      </div>
      <div role="gridcell" className="grid-cell grid-cell--status">
        <span className={`status-badge status-badge--${row.status}`} title={t(`status.${row.status}`)}>
          {t(`status.${row.status}`)}
        </span>
        {row.awaitingSync && <AwaitingSyncMark />}
      </div>
      <div role="gridcell" className="grid-cell">
        {t(`delivery.${row.delivery}`)}
      </div>
    </div>
  );
});
