import { z } from 'zod';

/** Who signs in at a workstation (DESIGN.md section 1). */
export const ROLES = ['administrator', 'supervisor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What a role may do. The core checks these; the central server can check the same table. A supervisor can do
 * everything an administrator can, and also release another operator's claim, record force majeure, work the
 * review list of odd facts, export the diagnostics bundle for IT and read the center's reports.
 */
export const PERMISSIONS = ['applications.read', 'application.decide', 'claim.releaseOthers', 'forceMajeure.record', 'paperwork.record', 'review.manage', 'diagnostics.export', 'reports.read'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  administrator: ['applications.read', 'application.decide', 'paperwork.record'],
  supervisor: ['applications.read', 'application.decide', 'claim.releaseOthers', 'forceMajeure.record', 'paperwork.record', 'review.manage', 'diagnostics.export', 'reports.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface OperatorRef {
  id: string;
  role: Role;
}
