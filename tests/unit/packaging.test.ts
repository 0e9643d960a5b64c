import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fuses from '@electron/fuses';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import afterPackDefault, { consoleFuses, makeAfterPack } from '../../scripts/after-pack.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { FuseV1Options, FuseVersion } = fuses;

interface BuilderConfig {
  asar: boolean;
  afterPack: string;
  executableName: string;
  win: { target: { target: string; arch: string[] }[] };
  nsis: { oneClick: boolean; perMachine: boolean };
  linux: { target: string[] };
  publish: { provider: string; url: string }[];
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** What electron-builder hands an afterPack hook, as far as the hook reads it (packaging itself cannot run here). */
function packContextStandIn(platform: 'linux' | 'win32', arch = 1) {
  return {
    appOutDir: '/release/unpacked',
    electronPlatformName: platform,
    arch,
    packager: { executableName: config.executableName, appInfo: { productFilename: 'Консоль сервісного центру МВС' } },
  };
}

describe('packaging (electron-builder.yml and the afterPack hook)', () => {
  it('targets NSIS per machine on Windows and AppImage plus deb on Linux, in one asar', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.asar).toBe(true);
  });

  it("publishes to the central server's update feed with the generic provider", () => {
    expect(config.publish).toHaveLength(1);
    expect(config.publish[0]!.provider).toBe('generic');
    expect(new URL(config.publish[0]!.url).pathname).toBe('/v1/updates');
  });

  it('runs the fuse hook after packing', () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(typeof afterPackDefault).toBe('function');
  });

  it('flips RunAsNode, NODE_OPTIONS and inspect off; cookie encryption, asar-only and asar integrity on', async () => {
    const calls: { binary: string; config: Record<string | number, unknown> }[] = [];
    const flipFusesStandIn = async (binary: string, fuseConfig: Record<string | number, unknown>) => {
      calls.push({ binary, config: fuseConfig });
    };
    const hook = makeAfterPack(flipFusesStandIn);
    await hook(packContextStandIn('linux'));
    await hook(packContextStandIn('win32'));

    expect(calls.map((c) => c.binary)).toEqual([
      join('/release/unpacked', 'sc-licence-console'),
      join('/release/unpacked', 'Консоль сервісного центру МВС.exe'),
    ]);
    for (const { config: fuseConfig } of calls) {
      expect(fuseConfig.version).toBe(FuseVersion.V1);
      expect(fuseConfig[FuseV1Options.RunAsNode]).toBe(false);
      expect(fuseConfig[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
      expect(fuseConfig[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
      expect(fuseConfig[FuseV1Options.EnableCookieEncryption]).toBe(true);
      expect(fuseConfig[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
      expect(fuseConfig[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
      expect(fuseConfig[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
      expect(fuseConfig.resetAdHocDarwinSignature).toBe(false);
    }
  });

  it('sets only fuses @electron/fuses knows, so an unknown index never lands in the wire', () => {
    const known = new Set(Object.values(FuseV1Options).filter((v) => typeof v === 'number').map(String));
    const keys = Object.keys(consoleFuses('linux', 'x64')).filter((k) => k !== 'version' && k !== 'resetAdHocDarwinSignature');
    expect(keys.every((k) => known.has(k))).toBe(true);
  });

  it('pins @electron/fuses to an exact version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['@electron/fuses']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('starts the training central server in a utility process, never as ELECTRON_RUN_AS_NODE', () => {
    const shell = readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8');
    expect(shell).not.toMatch(/ELECTRON_RUN_AS_NODE/);
    expect(shell).toMatch(/centralLauncher: utilityProcessLauncher\(CENTRAL_ENTRY\)/);
    expect(readFileSync(join(ROOT, 'electron/main/central-process.ts'), 'utf8')).toMatch(/utilityProcess\.fork\(/);
  });
});
