import type { Permission } from '../domain/operators';
import type { MethodName } from './contract';

/**
 * The contract methods a role may be refused, with the permission each needs. The dispatcher checks these before
 * it validates the input, so an operator whose role does not allow a call learns that first, whatever they sent.
 */
export const ROLE_RESTRICTED_METHODS: Partial<Record<MethodName, Permission>> = {
  'forceMajeure.record': 'forceMajeure.record',
  'review.list': 'review.manage',
  'review.resolve': 'review.manage',
  'diagnostics.export': 'diagnostics.export',
  'reports.get': 'reports.read',
  'reports.export': 'reports.read',
  // IT's tools at the workstation: the diagnostics bundle and a manual update check.
  'updates.checkNow': 'diagnostics.export',
};
