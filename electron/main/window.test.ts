import { describe, expect, it, vi } from 'vitest';

/*
 * The main window's options as the shell creates it. The Electron binary cannot run here, so `electron` is replaced
 * by a test double (ElectronDoubleBrowserWindow) that only records what the window was created with; the real module
 * is never loaded, so nothing tries to download the binary.
 */
const created: { options: Record<string, unknown> }[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class ElectronDoubleBrowserWindow {
    constructor(options: Record<string, unknown>) {
      created.push({ options });
    }
    once(): void {}
  },
  app: {},
  Menu: {},
}));

const { createMainWindow } = await import('./window');

describe('the main window', () => {
  it('keeps the renderer sandboxed and isolated, with no Node, no webview, no insecure content and Auxclick disabled', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', eventNames: ['queue.changed', 'auth.changed'] });
    expect(created).toHaveLength(1);
    expect(created[0]!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
      additionalArguments: ['--console-events=queue.changed,auth.changed'],
    });
  });
});
