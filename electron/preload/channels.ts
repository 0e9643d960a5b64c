/**
 * Names shared by the main process and the preload. Kept in a file with no imports so the sandboxed preload
 * bundle stays a few lines of code with nothing from node_modules in it.
 */

/** One IPC channel carries every contract call: one listener, one sender check (like VS Code's ValidatedIpcMain). */
export const INVOKE_CHANNEL = 'console:invoke';
/** Core events travel to the renderer on one channel as `{name, payload}`. */
export const EVENT_CHANNEL = 'console:event';
/** Printing the page shown (the print preview) to a printer or a PDF file; answered with what happened. */
export const PRINT_CHANNEL = 'console:print';
/** Saving a report export: the shell asks where, the core makes the file's content. */
export const SAVE_REPORT_CHANNEL = 'console:save-report';
/**
 * The main process hands the preload the list of event names on the renderer's command line, so the preload can
 * refuse unknown names without bundling the zod schemas that define them (VS Code passes its window config alike).
 */
export const EVENTS_ARG_PREFIX = '--console-events=';

export interface EventMessage {
  name: string;
  payload: unknown;
}
