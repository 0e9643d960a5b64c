import { writeFile } from 'node:fs/promises';
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import type { ShellPrintOutcome } from '../../shared/api/contract';
import type { Logger } from '../core/log';
import { PRINT_CHANNEL } from '../preload/channels';
import { isTrustedSender } from './contract-call';
import type { TrustedOrigins } from './app-scheme';
import { printJobOutcome, printTarget } from './print-outcome';

export interface PrintBinding {
  window: () => BrowserWindow | null;
  origins: TrustedOrigins;
  log: Logger;
  /** The configured printer: prints go to it silently; without one the system dialog asks. */
  printer: string | null;
}

/**
 * Prints the page the window shows, which is the print preview: the document has rendered before the operator
 * can press Print, so a blank page is never sent (the preview is the sandboxed page; no second renderer needed).
 * The answer says what Electron knows: the job sent, the PDF saved, or a cancel; the renderer records the print.
 */
export function bindPrinting(binding: PrintBinding): () => void {
  ipcMain.handle(PRINT_CHANNEL, async (event, rawTarget: unknown): Promise<ShellPrintOutcome> => {
    const window = binding.window();
    if (!window || !isTrustedSender(event, window, binding.origins)) return 'refused';
    const contents = window.webContents;
    if (printTarget(rawTarget) === 'pdf') {
      const choice = await dialog.showSaveDialog(window, { defaultPath: 'document.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (choice.canceled || !choice.filePath) return 'cancelled';
      const pdf = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      await writeFile(choice.filePath, pdf);
      binding.log.info({ bytes: pdf.length }, 'document saved as PDF');
      return 'pdf_saved';
    }
    const printer = binding.printer;
    return new Promise<ShellPrintOutcome>((resolve) => {
      contents.print({ silent: printer !== null, ...(printer ? { deviceName: printer } : {}), printBackground: true }, (success, failureReason) => {
        const outcome = printJobOutcome(success, failureReason);
        if (outcome !== 'job_sent') binding.log.warn({ reason: failureReason }, 'print job not sent');
        resolve(outcome);
      });
    });
  });
  return () => ipcMain.removeHandler(PRINT_CHANNEL);
}
