import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS, METHOD_NAMES, type ApiFacade, type EventName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { openCore, type Core } from '../core/index';
import { createLogger, type Logger } from '../core/log';
import { bundleFileName } from '../core/diagnostics/bundle';
import { bindContract, endSessionWithWindow, type ContractBinding } from './ipc';
import { utilityProcessLauncher } from './central-process';
import { bindPrinting } from './printing';
import { bindReportSaving } from './report-saving';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ENTRY_URL, type TrustedOrigins } from './app-scheme';
import pkg from 'electron-updater';
import { electronUpdaterPort, type ElectronUpdaterPort } from './updater';
import { createMainWindow, denyAllPermissions, hardenAllWebContents, installMinimalMenu } from './window';
import { WindowSessions } from './window-sessions';

/**
 * The composition root of the Electron shell: one instance, one core, one window. Everything that is not
 * Electron lives in electron/core; everything here is wiring.
 */

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_ROOT = join(here, '..', 'renderer');
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
/** The reference central server, bundled beside the main process (electron.vite.config.ts), for training mode. */
const CENTRAL_ENTRY = join(here, '..', 'central', 'index.js');

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

// These three must happen before `ready`; the data folder first, because the single-instance lock lives in it.
useUserDataSwitch();
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  closeCoreOnQuit();
  app.whenReady().then(start, (err: unknown) => {
    console.error('The console shell failed to start', err);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const logDir = join(userData, 'logs');
  // An environment variable must not point the installed app at another page, so the dev URL counts only unpackaged.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const origins: TrustedOrigins = { devOrigin: devUrl ? new URL(devUrl).origin : null };

  let log: Logger;
  let facade: ApiFacade;
  let onEvent: Core['onEvent'] | undefined;
  // Only an installed console updates itself (electron-updater's autoUpdater is read here, not at import: its getter
  // builds the platform's updater). The core decides when to check and when a restart may happen.
  const updater: ElectronUpdaterPort | undefined = app.isPackaged ? electronUpdaterPort(pkg.autoUpdater) : undefined;
  try {
    core = await openCore({
      dataDir: join(userData, 'data'),
      logDir,
      logToStdout: !app.isPackaged,
      configPath: app.commandLine.getSwitchValue('config') || undefined,
      nativeBinding: findElectronNativeBinding(),
      appVersion: app.getVersion(),
      // Training mode starts the central server in a utility process (the RunAsNode fuse is off in packages).
      centralLauncher: utilityProcessLauncher(CENTRAL_ENTRY),
      updater,
    });
    updater?.useLogger(core.log);
    log = core.log;
    facade = core.facade;
    onEvent = core.onEvent.bind(core);
  } catch (err) {
    // No dialog: the window still opens and every call answers with the reason, which the renderer shows.
    const failure = asAppError(err);
    log = createLogger({ dir: join(logDir, 'shell') });
    log.error({ code: failure.code, err: err instanceof Error ? err.message.slice(0, 200) : String(err) }, 'core failed to open');
    facade = refusingFacade(failure);
  }

  hardenAllWebContents(origins, log);
  denyAllPermissions(session.defaultSession);
  serveRenderer(session.defaultSession, RENDERER_ROOT, log);
  installMinimalMenu(core ? { exportDiagnostics: () => void saveDiagnostics(core!, log), checkForUpdates: core.updates ? () => void checkForUpdates(core!, log) : undefined } : {});
  const binding: ContractBinding = { facade, onEvent, window: () => mainWindow, origins, log, sessions: new WindowSessions() };
  bindContract(binding);
  bindPrinting({ window: () => mainWindow, origins, log, printer: core?.info.printer ?? null });
  bindReportSaving({ window: () => mainWindow, origins, facade, log });

  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, eventNames: Object.keys(EVENTS) as EventName[] });
  endSessionWithWindow(binding, mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  mainWindow.loadURL(devUrl ?? APP_ENTRY_URL).catch((err: unknown) => log.error({ err: String(err).slice(0, 200) }, 'window failed to load'));
}

/** IT's "check now" from the menu: ignores the staged rollout's percentage; the banner shows what it found. */
async function checkForUpdates(openCoreRef: Core, log: Logger): Promise<void> {
  const status = await openCoreRef.updates!.checkNow();
  log.info({ event: 'update.manual_check', offered: status.availableVersion, error: status.lastError?.code ?? null }, 'manual update check from the menu');
  if (status.lastError) dialog.showErrorBox('Оновлення / Update', status.lastError.message);
}

/** The menu item: the user picks where the zip goes; the core writes it (ids, counts and codes only). */
async function saveDiagnostics(openCoreRef: Core, log: Logger): Promise<void> {
  const suggested = join(app.getPath('documents'), bundleFileName(Date.now()));
  const options = { defaultPath: suggested, filters: [{ name: 'Zip', extensions: ['zip'] }] };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  try {
    const written = openCoreRef.exportDiagnostics(choice.filePath);
    shell.showItemInFolder(written.file);
  } catch (err) {
    log.error({ code: asAppError(err).code }, 'diagnostics bundle failed');
    dialog.showErrorBox('Diagnostics', asAppError(err).message);
  }
}

/** `--user-data-dir=<folder>` puts the whole profile (database, logs, lock) elsewhere: IT setups and the shell specs. */
function useUserDataSwitch(): void {
  const dir = app.commandLine.getSwitchValue('user-data-dir');
  if (dir) app.setPath('userData', resolve(dir));
}

/** Quitting waits for the core to close the database and stop its children; the second pass really quits. */
function closeCoreOnQuit(): void {
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    const open = core;
    open
      .close()
      .catch((err: unknown) => open.log.error({ err: String(err).slice(0, 200) }, 'core failed to close'))
      .finally(() => {
        core = null;
        app.quit();
      });
  });
}

/**
 * The Electron build of better-sqlite3 (DESIGN.md section 6): node_modules keeps the Node build for the tests,
 * scripts/rebuild-electron-native.mjs puts the Electron one in native/. A packaged app is rebuilt in place instead.
 */
function findElectronNativeBinding(): string | undefined {
  const base = app.isPackaged ? process.resourcesPath : join(here, '..', '..');
  const file = join(base, 'native', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'The console could not open its data. Restart it; if this repeats, send the logs to IT.');
}

/** Stands in for the core when it failed to open: every method answers with the reason. */
function refusingFacade(failure: AppError): ApiFacade {
  const refuse = () => {
    throw failure;
  };
  return Object.fromEntries(METHOD_NAMES.map((method) => [method, refuse])) as unknown as ApiFacade;
}

