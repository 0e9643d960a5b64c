import { writeFile } from 'node:fs/promises';
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import type { ApiFacade } from '../../shared/api/contract';
import { dispatch } from '../core/api/dispatch';
import type { Logger } from '../core/log';
import { SAVE_REPORT_CHANNEL } from '../preload/channels';
import type { TrustedOrigins } from './app-scheme';
import { isTrustedSender } from './contract-call';

/**
 * Saves a report export where the user chooses. The file's content comes from the core's `reports.export`
 * (validated and role-checked like every call); the shell only asks where and writes the bytes.
 */
export function bindReportSaving(binding: { window: () => BrowserWindow | null; origins: TrustedOrigins; facade: ApiFacade; log: Logger }): () => void {
  ipcMain.handle(SAVE_REPORT_CHANNEL, async (event, input: unknown) => {
    const window = binding.window();
    if (!window || !isTrustedSender(event, window, binding.origins)) return { saved: false, fileName: null };
    const result = await dispatch(binding.facade, 'reports.export', input, binding.log);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    const file = result.value as { fileName: string; data: string };
    const choice = await dialog.showSaveDialog(window, { defaultPath: file.fileName });
    if (choice.canceled || !choice.filePath) return { saved: false, fileName: null };
    await writeFile(choice.filePath, Buffer.from(file.data, 'base64'));
    binding.log.info({ event: 'report.saved', bytes: file.data.length }, 'report export saved');
    return { saved: true, fileName: file.fileName };
  });
  return () => ipcMain.removeHandler(SAVE_REPORT_CHANNEL);
}
