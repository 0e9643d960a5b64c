import { ipcMain, type BrowserWindow } from 'electron';
import { EVENTS, type EventName } from '../../shared/api/contract';
import { dispatch } from '../core/api/dispatch';
import type { CoreEventListener } from '../core/index';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type EventMessage } from '../preload/channels';
import { handleContractCall, type CallTarget } from './contract-call';

export interface ContractBinding extends CallTarget {
  window: () => BrowserWindow | null;
  /** The core's event source; absent when the core failed to open and there is nothing to listen to. */
  onEvent?: (listener: CoreEventListener) => () => void;
}

/**
 * Binds the whole contract on ONE channel with one handler: a single place where the sender and the method are
 * checked before `dispatch` validates and calls the core (electron/main/contract-call.ts). One channel per method
 * would spread the same checks over many listeners for no gain.
 */
export function bindContract(binding: ContractBinding): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => handleContractCall(binding, event, method, input));
  const stopEvents = binding.onEvent?.((name: EventName, payload, audience) => {
    if (!Object.prototype.hasOwnProperty.call(EVENTS, name)) return;
    const window = binding.window();
    if (!window || window.isDestroyed()) return;
    // An event about one session (its lock, its end) goes only to the window holding it.
    if (audience && !binding.sessions.holds(window.webContents.id, audience.sessionKey)) return;
    // webContents.send reaches the main frame only; subframes never see core events.
    const message: EventMessage = { name, payload };
    window.webContents.send(EVENT_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    stopEvents?.();
  };
}

/** A window's session ends with the window (closed, crashed, destroyed): nothing is left signed in behind it. */
export function endSessionWithWindow(binding: ContractBinding, window: BrowserWindow): void {
  const contentsId = window.webContents.id;
  window.webContents.once('destroyed', () => {
    const credential = binding.sessions.release(contentsId);
    if (credential) void dispatch(binding.facade, 'auth.signOut', {}, binding.log, { session: credential });
  });
}
