import { z } from 'zod';
import { RoleSchema } from '../domain/operators';

/**
 * IT's management of the operators of every center on the central server (admin token). A login is unique within
 * its center, also once disabled (an operator's history keeps their id, so a login is never handed to someone
 * else); operators are disabled, never deleted.
 */

/** Lower-case Latin letters, digits, dot, dash and underscore; 3 to 32 characters, starting with a letter or digit. */
export const OPERATOR_LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export const AdminOperatorSchema = z.object({
  id: z.string(),
  centerId: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  /** A one-time password was issued and not changed yet: the operator must change it at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** When the password (one-time or the operator's own) was last set; null for operators from before this was kept. */
  passwordSetAt: z.string().nullable(),
  source: z.enum(['central', 'training']),
});
export type AdminOperator = z.infer<typeof AdminOperatorSchema>;

export const OperatorListSchema = z.object({ operators: z.array(AdminOperatorSchema) });
export const OperatorListQuerySchema = z.object({ center: z.string().min(1).max(32).optional() });

/** Role and password arrive as plain strings so that a wrong one gets its own code (invalid_role, weak_password). */
export const OperatorCreateSchema = z.object({
  login: z.string().max(200),
  displayName: z.string().max(400),
  role: z.string().max(64),
  /** IT's own one-time password instead of a generated one; it must satisfy the password policy. */
  password: z.string().max(1000).optional(),
});
export type OperatorCreate = z.infer<typeof OperatorCreateSchema>;

export const OperatorChangeSchema = z.object({
  disabled: z.boolean().optional(),
  role: z.string().max(64).optional(),
});
export type OperatorChange = z.infer<typeof OperatorChangeSchema>;

export const OperatorPasswordResetSchema = z.object({ password: z.string().max(1000).optional() });

export const CenterOperatorParamsSchema = z.object({ center: z.string().min(1).max(32), login: z.string().min(1).max(200) });

export const OperatorAnswerSchema = z.object({ operator: AdminOperatorSchema });
/**
 * The answer that carries a one-time password: shown once to IT, never stored in clear or logged anywhere. The
 * operator must replace it at the first sign-in.
 */
export const OperatorIssuedSchema = z.object({ operator: AdminOperatorSchema, oneTimePassword: z.string() });
export type OperatorIssued = z.infer<typeof OperatorIssuedSchema>;

export const CenterSchema = z.object({ id: z.string(), name: z.string(), address: z.string() });
export const CenterListSchema = z.object({ centers: z.array(CenterSchema) });
export const CenterPutSchema = z.object({ name: z.string().max(1000), address: z.string().max(1000) });
export const CenterAnswerSchema = z.object({ center: CenterSchema, created: z.boolean() });
