import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openCore } from '../core';
import { startBrowserHost } from './server';

/**
 * `npm run start:browser`: the console for machines without Electron or a display. Prints the loopback
 * address to open; the token in it is new on every start.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: resolve('.data/browser-host') },
      config: { type: 'string' },
      port: { type: 'string', default: '0' },
      now: { type: 'string' },
      'training-size': { type: 'string' },
      'training-seed': { type: 'string' },
      'training-hostile': { type: 'boolean', default: false },
      token: { type: 'string' },
      static: { type: 'string', default: resolve('out/renderer') },
    },
  });
  const fixedNow = values.now ? Date.parse(values.now) : undefined;
  if (values.now && Number.isNaN(fixedNow)) throw new Error(`--now is not a date: ${values.now}`);
  const core = await openCore({
    dataDir: values['data-dir']!,
    configPath: values.config,
    logToStdout: false,
    now: fixedNow !== undefined ? () => fixedNow : undefined,
    training: {
      size: values['training-size'] ? Number(values['training-size']) : undefined,
      seed: values['training-seed'] ? Number(values['training-seed']) : undefined,
      includeHostile: values['training-hostile'],
    },
    // Training data arrives only by pull: the core starts the reference central server from this checkout as a
    // child (node with tsx, paths from the project root, so the host may be started from any folder).
    centralLauncher: {
      command: process.execPath,
      args: ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../../central/main.ts', import.meta.url))],
    },
  });
  const host = await startBrowserHost({ core, staticDir: values.static!, port: Number(values.port), token: values.token });
  const mode = core.info.mode === 'training' ? 'training mode' : `center ${core.info.centerId}`;
  process.stdout.write(`Console (${mode}) is ready at:\n  ${host.url}\nData folder: ${values['data-dir']}\n`);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`The console could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
