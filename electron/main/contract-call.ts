import { isMethodName, type ApiFacade } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import { dispatch } from '../core/api/dispatch';
import type { Logger } from '../core/log';
import { isTrustedUrl, type TrustedOrigins } from './app-scheme';
import type { WindowSessions } from './window-sessions';

/*
 * What happens to one `console:invoke` message, apart from Electron's wiring (electron/main/ipc.ts), so vitest can
 * prove it. The shapes below are the parts of Electron's IpcMainInvokeEvent and BrowserWindow the checks read.
 */

export interface FrameRef {
  processId: number;
  routingId: number;
  url: string;
}
export interface SenderEvent {
  sender: { id: number };
  senderFrame: FrameRef | null;
}
export interface WindowRef {
  isDestroyed(): boolean;
  webContents: { id: number; mainFrame: FrameRef };
}

export interface CallTarget {
  facade: ApiFacade;
  /** The one window allowed to call; read on every call because the window is created after binding. */
  window: () => WindowRef | null;
  origins: TrustedOrigins;
  log: Logger;
  /** Each window's session: the call runs as the session of the window that sent it. */
  sessions: WindowSessions;
}

/** The caller must be the main frame of our window, showing our own origin (not a subframe, not a page it navigated to). */
export function isTrustedSender(event: SenderEvent, window: WindowRef | null, origins: TrustedOrigins): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isTrustedUrl(frame.url, origins);
}

/**
 * Sender first, then the method against the contract; `dispatch` validates input and output and calls the core as
 * the sending window's session.
 */
export async function handleContractCall(target: CallTarget, event: SenderEvent, method: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(event, target.window(), target.origins)) {
    target.log.warn({ method: typeof method === 'string' ? method.slice(0, 64) : typeof method }, 'IPC call from an untrusted sender refused');
    return { ok: false, error: { code: 'forbidden', message: 'This window may not use the console.' } };
  }
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: 'This action is not known to the console.' } };
  }
  const contentsId = event.sender.id;
  const result = await dispatch(target.facade, method, input, target.log, { session: target.sessions.credentialOf(contentsId) });
  return target.sessions.afterCall(contentsId, method, result);
}
