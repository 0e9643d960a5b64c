import { app, BrowserWindow, Menu, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/log';
import { EVENTS_ARG_PREFIX } from '../preload/channels';
import { isTrustedUrl, type TrustedOrigins } from './app-scheme';

export interface MainWindowOptions {
  preloadPath: string;
  /** Event names the preload's `on()` accepts; handed over on the renderer's command line. */
  eventNames: readonly string[];
}

/**
 * The main window. Its web preferences are written out here, in the call itself, so a reader and the security
 * scanner (Electronegativity, `npm run security:scan`) see every one: a sandboxed, isolated renderer with no Node, no
 * webview, no insecure content, and Auxclick off (a middle click must not try to open anything, beside the open
 * handler below that refuses new windows).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
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
      // Reviewed: the sandboxed preload exposes only invoke, on and print through contextBridge (electron/preload/index.ts).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      additionalArguments: [EVENTS_ARG_PREFIX + options.eventNames.join(',')],
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/**
 * Applied to every WebContents the app ever creates (the main window, hidden print windows): no navigation away
 * from our origin, no new windows, no <webview>.
 */
export function hardenAllWebContents(origins: TrustedOrigins, log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const block = (event: { url: string; preventDefault(): void }, kind: string) => {
      if (isTrustedUrl(event.url, origins)) return;
      event.preventDefault();
      log.warn({ kind, scheme: safeScheme(event.url) }, 'navigation blocked');
    };
    contents.on('will-navigate', (event) => block(event, 'navigate'));
    // will-navigate covers the main frame; this one adds subframes.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) block(event, 'frame-navigate');
    });
    contents.on('will-redirect', (event) => block(event, 'redirect'));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log.warn({ scheme: safeScheme(url) }, 'window.open denied');
      return { action: 'deny' };
    });
  });
}

/** The console needs no camera, microphone, notifications, USB or clipboard-read: every request is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

const MENU_TEXT = {
  uk: { service: 'Сервіс', diagnostics: 'Зберегти діагностичний пакет для ІТ…', checkForUpdates: 'Перевірити оновлення зараз (ІТ)' },
  en: { service: 'Service', diagnostics: 'Save diagnostics bundle for IT…', checkForUpdates: 'Check for updates now (IT)' },
} as const;

/**
 * Editing and zoom shortcuts; reload and dev tools in development; and, for IT, the diagnostics bundle (no personal
 * data in it, so it needs no sign-in). The bar itself stays hidden (Alt shows it).
 */
export function installMinimalMenu(options: { exportDiagnostics?: () => void; checkForUpdates?: () => void } = {}): void {
  const text = app.getLocale().startsWith('en') ? MENU_TEXT.en : MENU_TEXT.uk;
  const view: Electron.MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: Electron.MenuItemConstructorOptions[] = [{ role: 'editMenu' }, { label: 'View', submenu: view }];
  const service: Electron.MenuItemConstructorOptions[] = [];
  if (options.exportDiagnostics) service.push({ label: text.diagnostics, click: options.exportDiagnostics });
  if (options.checkForUpdates) service.push({ label: text.checkForUpdates, click: options.checkForUpdates });
  if (service.length > 0) template.push({ label: text.service, submenu: service });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Logs carry the scheme of a refused URL, never the URL: it could hold personal data in a query. */
function safeScheme(rawUrl: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(rawUrl);
  return match ? match[1]!.toLowerCase() : 'invalid';
}
