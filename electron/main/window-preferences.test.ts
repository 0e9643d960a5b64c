import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAIN_WINDOW_WEB_PREFERENCES } from './window-preferences';

describe("the main window's web preferences", () => {
  it('keep the renderer sandboxed and isolated, with no Node, no webview and Auxclick disabled', () => {
    expect(MAIN_WINDOW_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('are the ones the window is created with, not overridden there', () => {
    const source = readFileSync(new URL('./window.ts', import.meta.url), 'utf8');
    const call = source.slice(source.indexOf('new BrowserWindow('), source.indexOf('});', source.indexOf('new BrowserWindow(')));
    expect(call).toContain('...MAIN_WINDOW_WEB_PREFERENCES');
    for (const key of Object.keys(MAIN_WINDOW_WEB_PREFERENCES)) expect(call).not.toMatch(new RegExp(`\\b${key}\\s*:`));
  });
});
