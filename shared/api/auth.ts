import { z } from 'zod';
import { RoleSchema } from '../domain/operators';

/** The signed-in operator as the renderer sees them: no login, no hash, nothing else. */
export const OperatorSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type Operator = z.infer<typeof OperatorSchema>;

export const SignInInputSchema = z.object({
  login: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const SignInResultSchema = z.object({
  operator: OperatorSchema,
  /** Signed in with a one-time password from IT: the operator must choose their own before anything else. */
  mustChangePassword: z.boolean().optional(),
  /**
   * The session credential: the browser page keeps it (sessionStorage) and sends it with every call and on the event
   * stream. Null where the transport binds the session to the window itself (the Electron shell, by webContents).
   */
  session: z.string().nullable(),
});

/**
 * Whether anyone can sign in yet: a production workstation gets its operators with the central server's reference
 * data, at the end of its first sync. Until then the sign-in screen says how far that sync has got.
 */
export const SignInReadinessSchema = z.object({
  operatorsReady: z.boolean(),
  operators: z.number().int().nonnegative(),
  /** The workstation holds a token from the central server (always true in training mode). */
  enrolled: z.boolean(),
  /** Applications pulled so far; null once operators are ready (then nobody waits for the count). */
  applications: z.number().int().nonnegative().nullable(),
  /** The reference data (operators, refusal reasons, calendar) has been applied at least once. */
  referenceLoaded: z.boolean(),
});
export type SignInReadiness = z.infer<typeof SignInReadinessSchema>;

/**
 * Why a window's session was ended by a change that came from the central server, not by the window: IT disabled
 * the operator, or their password changed (IT issued a new one-time password, or they changed it elsewhere).
 */
export const SESSION_END_REASONS = ['operator_disabled', 'password_changed'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** A window's session: who is signed in, and whether the idle lock covers the screen. */
export const AuthStateSchema = z.object({
  operator: OperatorSchema.nullable(),
  locked: z.boolean(),
  /** The operator signed in with a one-time password and must choose their own before anything else. */
  mustChangePassword: z.boolean().optional(),
  /** Set when nobody is signed in because the session was ended for one of these reasons. */
  ended: z.enum(SESSION_END_REASONS).optional(),
});
export type AuthState = z.infer<typeof AuthStateSchema>;

/** The operator's own password in place of IT's one-time password (the policy: shared/domain/password-policy.ts). */
export const ChangePasswordInputSchema = z.object({ newPassword: z.string().min(1).max(1000) });

export const UnlockInputSchema = z.object({ password: z.string().min(1).max(256) });

export const SignOutResultSchema = z.object({
  /** False when nobody was signed in; signing out is never an error. */
  signedOut: z.boolean(),
});

/** Workstation settings the renderer needs (the values live in the store's settings table). */
export const ConsoleSettingsSchema = z.object({
  /** Minutes without input after which the renderer calls `auth.lock`. */
  idleLockMinutes: z.number().int().positive(),
  /** Failed sign-ins in a row that lock an account, and for how long. */
  maxFailedSignIns: z.number().int().positive(),
  lockoutMinutes: z.number().int().positive(),
  decisionWorkingDays: z.number().int().positive(),
  forceMajeureThresholdHours: z.number().positive(),
});
export type ConsoleSettings = z.infer<typeof ConsoleSettingsSchema>;
