import { z } from 'zod';
import { ReportPeriodSchema } from '../reports/period';

export const REPORT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const ReportExportFormatSchema = z.enum(REPORT_EXPORT_FORMATS);
export type ReportExportFormat = z.infer<typeof ReportExportFormatSchema>;

export const ReportInputSchema = z.object({ period: ReportPeriodSchema }).strict();

export const ReportExportInputSchema = z
  .object({
    period: ReportPeriodSchema,
    format: ReportExportFormatSchema,
    /** The language of the headings (the figures are the same). */
    language: z.enum(['uk', 'en']).default('uk'),
  })
  .strict();
export type ReportExportInput = z.input<typeof ReportExportInputSchema>;

/** A file the core made: the browser host hands it over as a download, Electron's shell saves it where asked. */
export const ReportFileSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The file's content, base64. */
  data: z.string(),
});
export type ReportFile = z.infer<typeof ReportFileSchema>;
