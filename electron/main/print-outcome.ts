import type { ShellPrintOutcome } from '../../shared/api/contract';

/** The renderer asks for a printer or a PDF; anything else is a printer (the safe, visible choice). */
export function printTarget(raw: unknown): 'printer' | 'pdf' {
  return raw === 'pdf' ? 'pdf' : 'printer';
}

/**
 * What Electron's print callback means for the record: success is a job handed to the printer; a failure is
 * recorded as no print (a cancel in the dialog and a printer error alike), so a print is never claimed unsent.
 */
export function printJobOutcome(success: boolean, _failureReason: string): ShellPrintOutcome {
  return success ? 'job_sent' : 'cancelled';
}
