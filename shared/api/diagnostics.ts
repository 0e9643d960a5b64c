import { z } from 'zod';

/** The diagnostics bundle a supervisor exports for IT: written into the data folder, no personal data in it. */
export const DiagnosticsExportSchema = z.object({
  /** Where the zip was written (the data folder's `diagnostics/`). */
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  integrityOk: z.boolean(),
  auditOk: z.boolean().nullable(),
});
export type DiagnosticsExport = z.infer<typeof DiagnosticsExportSchema>;
