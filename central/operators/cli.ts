/**
 * `npm run central -- operators <command> …`: IT's management of the operators of every center, against a running
 * central server over its admin routes.
 *
 *   operators list [--center ID]
 *   operators add --center ID --login LOGIN --name "Full Name" --role administrator|supervisor [--password P]
 *   operators disable --center ID --login LOGIN          operators enable --center ID --login LOGIN
 *   operators role --center ID --login LOGIN --role administrator|supervisor
 *   operators reset-password --center ID --login LOGIN [--password P]
 *   operators events --center ID --login LOGIN
 *
 * `add` and `reset-password` print the one-time password once; the server keeps only its hash. Without
 * `--password` the server generates one (a password typed on a command line stays in the shell's history).
 * A new center is put on the server first (`npm run central -- centers …`, `runCentersCli` below):
 *
 *   centers list
 *   centers put --center ID --name "Територіальний сервісний центр МВС № 1241" --address "49000, м. Дніпро, …"
 *   centers code --center ID        (a one-time enrolment code for one of the center's workstations, valid a day)
 *
 * The server's address comes from `--url` or CENTRAL_URL, the admin token from `--admin-token` or CENTRAL_ADMIN_TOKEN.
 */
import { parseArgs } from 'node:util';
import type { OperatorIssued } from '../../shared/sync/operators';
import { adminRequest, adminServer, CliError, failed, printJson, type CliIo } from '../admin-cli';

const COMMANDS = ['list', 'add', 'disable', 'enable', 'role', 'reset-password', 'events'];

export async function runOperatorsCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        'admin-token': { type: 'string' },
        center: { type: 'string' },
        login: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
      },
    });
    const server = adminServer(values, io.env);
    const [command, ...extra] = positionals;
    if (extra.length) throw new CliError(`unexpected ${extra.join(' ')}: name the center and login with --center and --login`);
    const need = (flag: 'center' | 'login' | 'name' | 'role') => {
      const value = values[flag];
      if (value === undefined || value.trim() === '') throw new CliError(`${command} needs --${flag}`);
      return value;
    };
    const operatorPath = () => `/v1/admin/centers/${encodeURIComponent(need('center'))}/operators/${encodeURIComponent(need('login'))}`;
    switch (command) {
      case 'list': {
        const q = values.center ? `?center=${encodeURIComponent(values.center)}` : '';
        return printJson(io, await adminRequest(server, 'GET', `/v1/admin/operators${q}`));
      }
      case 'add': {
        const body = { login: need('login'), displayName: need('name'), role: need('role'), ...(values.password !== undefined ? { password: values.password } : {}) };
        return issued(io, (await adminRequest(server, 'POST', `/v1/admin/centers/${encodeURIComponent(need('center'))}/operators`, body)) as OperatorIssued);
      }
      case 'disable':
      case 'enable':
        return printJson(io, await adminRequest(server, 'PUT', operatorPath(), { disabled: command === 'disable' }));
      case 'role':
        return printJson(io, await adminRequest(server, 'PUT', operatorPath(), { role: need('role') }));
      case 'reset-password': {
        const body = values.password !== undefined ? { password: values.password } : {};
        return issued(io, (await adminRequest(server, 'POST', `${operatorPath()}/reset-password`, body)) as OperatorIssued);
      }
      case 'events':
        return printJson(io, await adminRequest(server, 'GET', `${operatorPath()}/events`));
      default:
        throw new CliError(`unknown command ${command ?? '(none)'}: ${COMMANDS.join(', ')}`);
    }
  } catch (err) {
    return failed(io, 'operators', err);
  }
}

/** The one-time password on a line of its own (shown this once), then the operator as the server holds them. */
function issued(io: CliIo, answer: OperatorIssued): number {
  const { operator, oneTimePassword } = answer;
  io.out(`One-time password for ${operator.login} at ${operator.centerId} (shown once; hand it to the operator, who must change it at the first sign-in):`);
  io.out(`  ${oneTimePassword}`);
  return printJson(io, { operator });
}

export async function runCentersCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { url: { type: 'string' }, 'admin-token': { type: 'string' }, center: { type: 'string' }, name: { type: 'string' }, address: { type: 'string' } },
    });
    const server = adminServer(values, io.env);
    const [command, ...extra] = positionals;
    if (extra.length) throw new CliError(`unexpected ${extra.join(' ')}`);
    switch (command) {
      case 'list':
        return printJson(io, await adminRequest(server, 'GET', '/v1/admin/centers'));
      case 'put': {
        const { center, name, address } = values;
        if (!center || !name || !address) throw new CliError('put needs --center, --name and --address');
        return printJson(io, await adminRequest(server, 'PUT', `/v1/admin/centers/${encodeURIComponent(center)}`, { name, address }));
      }
      case 'code': {
        if (!values.center) throw new CliError('code needs --center');
        return printJson(io, await adminRequest(server, 'POST', '/v1/admin/enrolment-codes', { centerId: values.center }));
      }
      default:
        throw new CliError(`unknown command ${command ?? '(none)'}: list, put, code`);
    }
  } catch (err) {
    return failed(io, 'centers', err);
  }
}
