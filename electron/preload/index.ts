import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ConsoleBridge } from '../../shared/api/contract';
import { EVENT_CHANNEL, EVENTS_ARG_PREFIX, INVOKE_CHANNEL, PRINT_CHANNEL, SAVE_REPORT_CHANNEL, type EventMessage } from './channels';

/**
 * The sandboxed preload: exposes `window.consoleBridge` with exactly `invoke` and `on`, never ipcRenderer.
 * It checks only what it must to keep the renderer from reaching other channels; the main process validates the
 * method, the sender and the input (electron/main/ipc.ts).
 */

type Listener = (payload: unknown) => void;

const knownEvents = new Set(readEventNames(process.argv));
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: EventMessage) => {
  if (!message || typeof message.name !== 'string') return;
  for (const listener of [...(listeners.get(message.name) ?? [])]) {
    // One failing listener must not keep the event from the others.
    try {
      listener(message.payload);
    } catch (err) {
      console.error(err);
    }
  }
});

const bridge: ConsoleBridge = {
  invoke(method, input) {
    if (typeof method !== 'string') return Promise.reject(new TypeError('consoleBridge.invoke: method must be a string'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input);
  },
  print(target = 'printer') {
    return ipcRenderer.invoke(PRINT_CHANNEL, target === 'pdf' ? 'pdf' : 'printer');
  },
  saveReport(input) {
    return ipcRenderer.invoke(SAVE_REPORT_CHANNEL, input);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !knownEvents.has(event)) throw new TypeError(`consoleBridge.on: unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('consoleBridge.on: listener must be a function');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('consoleBridge', bridge);

function readEventNames(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(EVENTS_ARG_PREFIX));
  return arg ? arg.slice(EVENTS_ARG_PREFIX.length).split(',').filter(Boolean) : [];
}
