import { useTranslation } from 'react-i18next';
import type { QueueCounts } from '../../../../shared/api/queue';
import { useFormat } from '../../i18n/format';
import { FACETS, hasAnyFacet, toggleFacet, type FacetFilter } from './facets';

interface Props {
  facets: FacetFilter;
  counts: QueueCounts | undefined;
  onChange: (facets: FacetFilter) => void;
  onClear: () => void;
}

/** Checkboxes for every facet, each with its exact count from `queue.counts`. */
export function QueueFilters({ facets, counts, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="queue-filters">
      <div className="queue-filters__head">
        <h2 className="queue-filters__title">{t('queue.filtersTitle')}</h2>
        <button type="button" className="button button--small" data-testid="filters-reset" onClick={onClear} disabled={!hasAnyFacet(facets)}>
          {t('queue.clearFilters')}
        </button>
      </div>
      {FACETS.map((facet) => {
        const selected = facets[facet.field] as readonly string[];
        const facetCounts = counts?.[facet.field];
        return (
          <fieldset key={facet.name} className="facet">
            <legend>{t(`queue.facets.${facet.name}`)}</legend>
            {facet.values.map((value) => {
              const count = facetCounts?.[value] ?? 0;
              return (
                <label key={value} className="facet__option">
                  <input
                    type="checkbox"
                    data-testid={`filter-${facet.name}-${value}`}
                    checked={selected.includes(value)}
                    onChange={(e) => onChange(toggleFacet(facets, facet.field, value, e.target.checked))}
                  />
                  <span className="facet__label">{t(facet.label(value))}</span>
                  <span className="facet__count" data-testid={`count-${facet.name}-${value}`}>
                    {counts ? fmt.number(count) : '…'}
                  </span>
                </label>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
