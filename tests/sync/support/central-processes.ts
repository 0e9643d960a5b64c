import { fileURLToPath } from 'node:url';
import { call } from '../../../central/test-fixtures';
import { launchCentral } from '../../../electron/core/sync/launcher';
import type { EnrolmentIssuer } from './workstation';

const MAIN = fileURLToPath(new URL('../../../central/main.ts', import.meta.url));
export const PROCESS_ADMIN_TOKEN = 'adm_test-processes-not-secret';

/** A real `npm run central` process (central/main.ts under tsx), with an admin client that speaks to it over HTTP. */
export interface CentralProcess extends EnrolmentIssuer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `count` central server processes on one store, all at once, with the same admin token and `args`; each
 * prints its ready line before this resolves. The test stops them (`stop`, SIGTERM and then SIGKILL).
 */
export async function startCentralProcesses(db: string, count: number, args: string[] = []): Promise<CentralProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      launchCentral({ command: process.execPath, args: ['--import', 'tsx', MAIN] }, ['--db', db, '--port', '0', '--admin-token', PROCESS_ADMIN_TOKEN, ...args], { timeoutMs: 90_000 }),
    ),
  );
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
    throw failed.reason;
  }
  return started.map((s) => {
    const child = (s as PromiseFulfilledResult<Awaited<ReturnType<typeof launchCentral>>>).value;
    return {
      url: child.url,
      pid: child.pid,
      stop: () => child.stop(),
      admin: {
        async issueEnrolmentCode(centerId: string) {
          const answer = await call(child, 'POST', '/v1/admin/enrolment-codes', { token: PROCESS_ADMIN_TOKEN, body: { centerId } });
          if (answer.status !== 201) throw new Error(`enrolment code answered ${answer.status}: ${answer.text}`);
          return (answer.json as { code: string }).code;
        },
      },
    };
  });
}
