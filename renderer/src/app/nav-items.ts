import { can, type Permission, type Role } from '../../../shared/domain/operators';
import type { Route } from './router';

export interface NavItem {
  route: Route;
  /** i18n key of the link text. */
  label: string;
  /** The key that opens it from anywhere (none for the queue: Esc goes back to it). */
  key?: string;
  /** Routes that count as being on this item (a batch is part of Ukrposhta). */
  current: Route['name'][];
  permission?: Permission;
  testId: string;
}

/** The header's screens, in order; the same list drives the shortcuts and the help dialog. */
export const NAV_ITEMS: readonly NavItem[] = [
  { route: { name: 'queue' }, label: 'nav.queue', current: ['queue', 'application'], testId: 'nav-queue' },
  { route: { name: 'arrivals' }, label: 'nav.arrivals', key: 'h', current: ['arrivals'], permission: 'paperwork.record', testId: 'nav-arrivals' },
  { route: { name: 'shipping' }, label: 'nav.shipping', key: 's', current: ['shipping', 'batch'], permission: 'paperwork.record', testId: 'nav-shipping' },
  { route: { name: 'uncollected' }, label: 'nav.uncollected', key: 'n', current: ['uncollected'], testId: 'nav-uncollected' },
  { route: { name: 'forceMajeure' }, label: 'nav.forceMajeure', key: 'f', current: ['forceMajeure'], permission: 'forceMajeure.record', testId: 'force-majeure-link' },
  { route: { name: 'review' }, label: 'nav.review', key: 'v', current: ['review'], permission: 'review.manage', testId: 'nav-review' },
  { route: { name: 'sync' }, label: 'nav.sync', key: 'y', current: ['sync'], testId: 'nav-sync' },
  { route: { name: 'reports' }, label: 'nav.reports', key: 'z', current: ['reports', 'reportPrint'], permission: 'reports.read', testId: 'nav-reports' },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission));
}
