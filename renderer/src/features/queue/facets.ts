import type { QueueFilter } from '../../../../shared/api/queue';
import { DELIVERY_METHODS, SERVICES } from '../../../../shared/domain/application';
import { STATUSES } from '../../../../shared/domain/status';

export type FacetFilter = Omit<QueueFilter, 'search' | 'report'>;
export type DeadlineFilter = QueueFilter['deadline'][number];

/** A filter facet: its key in the filter and in the counts, its name in test ids and i18n, and its values. */
export interface Facet {
  field: keyof FacetFilter;
  /** Used in `filter-<name>-<value>` / `count-<name>-<value>` test ids and `queue.facets.<name>`. */
  name: 'status' | 'deadline' | 'service' | 'delivery';
  values: readonly string[];
  /** i18n key of a value's label. */
  label: (value: string) => string;
}

export const FACETS: readonly Facet[] = [
  { field: 'deadline', name: 'deadline', values: ['overdue', 'due_soon', 'on_time'], label: (v) => `deadline.state.${v}` },
  { field: 'statuses', name: 'status', values: STATUSES, label: (v) => `status.${v}` },
  { field: 'services', name: 'service', values: SERVICES, label: (v) => `service.${v}` },
  { field: 'delivery', name: 'delivery', values: DELIVERY_METHODS, label: (v) => `delivery.${v}` },
];

export function toggleFacet(facets: FacetFilter, field: keyof FacetFilter, value: string, on: boolean): FacetFilter {
  const current = facets[field] as readonly string[];
  const next = on ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);
  return { ...facets, [field]: next };
}

export function hasAnyFacet(facets: FacetFilter): boolean {
  return facets.statuses.length + facets.deadline.length + facets.services.length + facets.delivery.length > 0;
}
