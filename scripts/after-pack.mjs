/* global console */
// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the packaged binary before it
// is signed, so the installed console cannot be turned into a general-purpose Node runtime or debugged from outside.
import fuses from '@electron/fuses';
import { join } from 'node:path';

// A default import: @electron/fuses is CommonJS.
const { FuseV1Options, FuseVersion } = fuses;

/**
 * The fuses every packaged console carries. RunAsNode is off, so the shell starts the training central server with
 * Electron's utilityProcess (electron/main/central-process.ts), never as `ELECTRON_RUN_AS_NODE=1 <binary>`.
 */
export function consoleFuses(platform, arch) {
  return {
    version: FuseVersion.V1,
    // Apple Silicon refuses a binary whose ad-hoc signature no longer matches; the hook re-signs it ad hoc.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer is served from app://, never file://: file: gets no extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** electron-builder's arch enum (0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal) as a name. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Where electron-builder put the Electron binary: the same rule as its own fuse step (app-builder-lib platformPackager). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  const ext = { win32: '.exe', darwin: '.app', mas: '.app' }[electronPlatformName];
  if (ext === undefined) throw new Error(`afterPack: no fuse rule for platform ${electronPlatformName}`);
  return join(appOutDir, `${packager.appInfo.productFilename}${ext}`);
}

/** The hook, with the flipper injectable so a test can see what it is asked to write without a packaged binary. */
export function makeAfterPack(flipFuses) {
  return async function afterPack(context) {
    const binary = electronBinaryPath(context);
    const config = consoleFuses(context.electronPlatformName, ARCH_NAMES[context.arch] ?? String(context.arch));
    console.log(`afterPack: flipping Electron fuses of ${binary}`);
    await flipFuses(binary, config);
  };
}

export default makeAfterPack((binary, config) => fuses.flipFuses(binary, config));
