import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const VALID = { centralUrl: 'http://127.0.0.1:9/', centerId: 'sc-8041', workstationId: 'ws-8041-02' };
const folders: string[] = [];
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'console-config-'));
  folders.push(d);
  return d;
}
afterEach(() => {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('which mode the console starts in', () => {
  it('a named configuration file that does not exist is an error, never training mode', () => {
    const d = folder();
    expect(() => loadConfig(join(d, 'conifg.json'), join(d, 'config.json'))).toThrowError(
      expect.objectContaining({ code: 'config_unreadable', message: expect.stringContaining('conifg.json') }),
    );
  });

  it('a named configuration that cannot be read (a folder) is an error naming why', () => {
    const d = folder();
    mkdirSync(join(d, 'config.json'));
    expect(() => loadConfig(join(d, 'config.json'))).toThrowError(expect.objectContaining({ code: 'config_unreadable', message: expect.stringContaining('EISDIR') }));
  });

  it('a named configuration that is not JSON, or misses a field, is an error naming the field', () => {
    const d = folder();
    writeFileSync(join(d, 'a.json'), '{"centralUrl": ');
    expect(() => loadConfig(join(d, 'a.json'))).toThrowError(expect.objectContaining({ code: 'config_invalid' }));
    writeFileSync(join(d, 'b.json'), JSON.stringify({ ...VALID, centerId: '' }));
    expect(() => loadConfig(join(d, 'b.json'))).toThrowError(expect.objectContaining({ code: 'config_invalid', message: expect.stringContaining('centerId') }));
  });

  it("the data folder's invalid config.json is an error too, not training mode", () => {
    const d = folder();
    writeFileSync(join(d, 'config.json'), 'not json');
    expect(() => loadConfig(undefined, join(d, 'config.json'))).toThrowError(expect.objectContaining({ code: 'config_invalid' }));
  });

  it('training mode only when nothing was named and the data folder has no config.json', () => {
    const d = folder();
    expect(loadConfig(undefined, join(d, 'config.json'))).toEqual({ mode: 'training' });
    writeFileSync(join(d, 'config.json'), JSON.stringify(VALID));
    expect(loadConfig(undefined, join(d, 'config.json'))).toMatchObject({ mode: 'production', config: { centerId: 'sc-8041', channel: 'stable' } });
    expect(loadConfig(join(d, 'config.json'))).toMatchObject({ mode: 'production' });
  });

  it('the browser host started with a mistyped --config exits with the reason and creates no training database', () => {
    const d = folder();
    const dataDir = join(d, 'data');
    const root = resolve(import.meta.dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/browser-host/cli.ts'), '--data-dir', dataDir, '--config', join(d, 'cnfig.json'), '--port', '0'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The console could not start');
    expect(run.stderr).toContain('cnfig.json');
    expect(run.stdout).not.toContain('training mode');
    const left = existsSync(dataDir) ? readdirSync(dataDir) : [];
    expect(left.filter((f) => f.endsWith('.sqlite'))).toEqual([]);
  });
});
