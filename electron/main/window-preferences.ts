/**
 * The main window's web preferences, apart from the window so a test can read them without the Electron binary.
 * Auxclick is off: a middle click on a link must not try to open anything, beside the open handler that already
 * refuses new windows (Electron's security checklist).
 */
export const MAIN_WINDOW_WEB_PREFERENCES = {
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
} as const;
