/**
 * `npm run central -- releases <command> …`: IT's release commands against a running central server, over its admin
 * routes (the server computes every checksum itself; this tool only carries files and settings).
 *
 *   releases list
 *   releases upload --version 0.2.0 [--channel beta] [--notes TEXT] FILE…
 *   releases import                                   (registers what was copied into the releases folder)
 *   releases rollout VERSION --percent N [--channel stable|beta]
 *   releases halt VERSION [--channel …]    releases resume VERSION [--channel …]
 *   releases assign center|workstation ID [--channel stable|beta|none] [--pin VERSION|none] [--allow-downgrade]
 *   releases assignments
 *
 * The server's address comes from `--url` or CENTRAL_URL, the admin token from `--admin-token` or CENTRAL_ADMIN_TOKEN.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { adminServer, adminRequest as request, CliError, failed, oneOf, printJson as print, readAnswer as answer, type AdminServer, type CliIo } from '../admin-cli';

export type { CliIo } from '../admin-cli';

export async function runReleasesCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        'admin-token': { type: 'string' },
        version: { type: 'string' },
        channel: { type: 'string' },
        notes: { type: 'string' },
        percent: { type: 'string' },
        pin: { type: 'string' },
        'allow-downgrade': { type: 'boolean', default: false },
      },
    });
    const server = adminServer(values, io.env);
    const [command, ...rest] = positionals;
    const channel = values.channel === undefined ? undefined : oneOf(values.channel, ['stable', 'beta'], '--channel');
    switch (command) {
      case 'list':
        return print(io, await request(server, 'GET', '/v1/admin/releases'));
      case 'assignments':
        return print(io, await request(server, 'GET', '/v1/admin/update-assignments'));
      case 'import':
        return print(io, await request(server, 'POST', '/v1/admin/releases/import'));
      case 'upload': {
        if (!values.version) throw new CliError('upload needs --version');
        if (rest.length === 0) throw new CliError('upload needs the files to upload');
        for (const file of rest) {
          const answer = await uploadFile(server, file, { version: values.version, channel, notes: values.notes });
          io.out(`uploaded ${basename(file)}: ${answer.size} bytes, sha512 ${answer.sha512}`);
        }
        return print(io, await request(server, 'GET', `/v1/admin/releases/${encodeURIComponent(values.version)}`));
      }
      case 'rollout': {
        const percent = Number(values.percent);
        if (values.percent === undefined || !Number.isInteger(percent) || percent < 0 || percent > 100) throw new CliError('rollout needs --percent, a whole number from 0 to 100');
        return print(io, await request(server, 'PUT', `/v1/admin/releases/${version(rest)}`, { channel, percent }));
      }
      case 'halt':
      case 'resume':
        return print(io, await request(server, 'PUT', `/v1/admin/releases/${version(rest)}`, { channel, halted: command === 'halt' }));
      case 'assign': {
        const [scope, id] = rest;
        if (!scope || !id) throw new CliError('assign needs center|workstation and its id');
        const body = {
          channel: values.channel === undefined || values.channel === 'none' ? null : oneOf(values.channel, ['stable', 'beta'], '--channel'),
          pinnedVersion: values.pin === undefined || values.pin === 'none' ? null : values.pin,
          allowDowngrade: values['allow-downgrade'],
        };
        return print(io, await request(server, 'PUT', `/v1/admin/update-assignments/${encodeURIComponent(oneOf(scope, ['center', 'workstation'], 'scope'))}/${encodeURIComponent(id)}`, body));
      }
      default:
        throw new CliError(`unknown command ${command ?? '(none)'}: list, upload, import, rollout, halt, resume, assign, assignments`);
    }
  } catch (err) {
    return failed(io, 'releases', err);
  }
}

function version(rest: string[]): string {
  if (!rest[0]) throw new CliError('name the release version, e.g. 0.2.0');
  return encodeURIComponent(rest[0]);
}

/** Streams one artifact; the sha512 computed here lets the server refuse a file damaged on the way. */
async function uploadFile(server: AdminServer, file: string, o: { version: string; channel?: string; notes?: string }) {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file} is not a file`);
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  const sha512 = hash.digest('base64');
  const q = new URLSearchParams({ version: o.version, name: basename(file), sha512 });
  if (o.channel) q.set('channel', o.channel);
  if (o.notes) q.set('notes', o.notes);
  const blockMapSize = builderBlockMapSize(file);
  if (blockMapSize) q.set('blockMapSize', String(blockMapSize));
  const res = await fetch(`${server.url}/v1/admin/releases?${q}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream', 'content-length': String(statSync(file).size) },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  await answer(res);
  return { size: statSync(file).size, sha512 };
}

/** An AppImage's embedded block map size, from electron-builder's latest-linux.yml beside it (differential downloads). */
function builderBlockMapSize(file: string): number | null {
  const dir = dirname(file);
  for (const name of readdirSync(dir).filter((n) => /^(latest|beta)(-linux(-arm64)?)?\.yml$/.test(n))) {
    try {
      const doc = yaml.load(readFileSync(join(dir, name), 'utf8')) as { files?: { url?: string; blockMapSize?: number }[] };
      const entry = doc.files?.find((f) => f.url === basename(file));
      if (typeof entry?.blockMapSize === 'number') return entry.blockMapSize;
    } catch {
      // Not electron-builder's file: no block map size, a full download then.
    }
  }
  return null;
}
