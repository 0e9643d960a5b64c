import type { PrintMethod } from '../../../../shared/domain/facts';
import { navigate, routeHash, type PrintTarget } from '../../app/router';

/** What is known after asking for a print: the shell's word, or nothing (the browser's dialog cannot tell a cancel). */
export type PrintJobOutcome = { known: true; how: Exclude<PrintMethod, 'operator_confirmed'> } | { known: true; how: 'cancelled' } | { known: false };

/** Electron's shell prints and saves PDFs itself and says what happened; the browser host has only window.print(). */
export function shellCanPrint(): boolean {
  return typeof window.consoleBridge?.print === 'function';
}

/**
 * Sends the page shown to the printer (or, in Electron, to a PDF file). In Electron the bridge reports the job
 * sent, a PDF saved or a cancel; otherwise `window.print()`, which returns without saying what happened.
 */
export async function printShownPage(target: 'printer' | 'pdf' = 'printer'): Promise<PrintJobOutcome> {
  const bridge = window.consoleBridge;
  if (bridge?.print) {
    const answer = await bridge.print(target);
    if (answer === 'job_sent' || answer === 'pdf_saved' || answer === 'cancelled') return { known: true, how: answer };
    return { known: false };
  }
  window.print();
  return { known: false };
}

let returnHash: string | null = null;

/** Opens a document's print preview; Back returns to the screen it was opened from. */
export function openPrintPreview(target: PrintTarget): void {
  returnHash = window.location.hash || '#/';
  navigate({ name: 'print', target });
}

/** Leaves the preview for the screen that opened it (the queue when it was opened by address). */
export function leavePrintPreview(): void {
  const back = returnHash;
  returnHash = null;
  if (back && back !== window.location.hash) window.location.hash = back;
  else navigate({ name: 'queue' });
}

/** The address of a preview, for links. */
export function printPreviewHash(target: PrintTarget): string {
  return routeHash({ name: 'print', target });
}
