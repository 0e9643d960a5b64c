/** Fixtures for the central server's tests: a small world, applications to file, ops to push, and a fetch wrapper. */
import { createHash, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { IntakeApplication } from '../shared/sync/central-api';
import type { PushOp } from '../shared/sync/push';
import type { CentralServer } from './server';
import { submittedRecord } from './services/intake';

export const CENTER = 'sc-8041';
export const OTHER_CENTER = 'sc-4641';
export const NOW = Date.parse('2026-11-27T10:00:00.000Z');
export const AUDIT_HEAD = 'a'.repeat(64);
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** One request to the server; `body` is JSON-encoded unless it is already a string. */
export async function call(
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(server.url + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the test looks at `text`.
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface World {
  /** Tokens of workstations A and B at CENTER and X at OTHER_CENTER. */
  tokens: { a: string; b: string; x: string };
}

/** Two centers, three operators at CENTER (two administrators, a supervisor), one at OTHER_CENTER, three workstations. */
export async function seedWorld(server: CentralServer): Promise<World> {
  const { admin } = server;
  await admin.addCenter({ id: CENTER, name: 'ТСЦ МВС № 8041', address: 'Київ' });
  await admin.addCenter({ id: OTHER_CENTER, name: 'ТСЦ МВС № 4641', address: 'Львів' });
  const op = (id: string, centerId: string, role: 'administrator' | 'supervisor') =>
    admin.addOperator({ id, centerId, login: id, displayName: id, role, passwordHash: DUMMY_HASH });
  await op('op-admin-1', CENTER, 'administrator');
  await op('op-admin-2', CENTER, 'administrator');
  await op('op-supervisor-1', CENTER, 'supervisor');
  await op('op-lviv-1', OTHER_CENTER, 'administrator');
  return { tokens: { a: await admin.enrol('ws-a', CENTER), b: await admin.enrol('ws-b', CENTER), x: await admin.enrol('ws-x', OTHER_CENTER) } };
}

/** The console's scrypt format (electron/core/services/passwords.ts), checked here without importing the core. */
export function verifyConsoleHash(password: string, stored: string): boolean {
  const [, N, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash!, 'base64url');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt!, 'base64url'), expected.length, { N: Number(N), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A valid application as the cabinet files it. */
export function sampleIntake(n: number, over: Partial<IntakeApplication> = {}): IntakeApplication {
  return {
    id: `app-${String(n).padStart(6, '0')}`,
    number: `2026-${String(n).padStart(6, '0')}`,
    centerId: CENTER,
    service: 'exchange',
    ground: 'expiry',
    submittedAt: '2026-11-16T09:00:00.000Z',
    applicant: {
      surname: 'Шевченко', givenName: 'Тарас', patronymic: 'Григорович', birthDate: '1985-03-09', sex: 'male',
      rnokpp: '3119804512', unzr: '19850309-01234',
      identityDocument: { type: 'id_card', number: '001234567', issuedBy: '8041', issuedOn: '2019-05-01' },
      phone: '+380671234567', email: null,
      address: { postcode: '01001', region: 'м. Київ', locality: 'Київ', street: 'вул. Хрещатик', building: '1' },
    },
    licence: { number: 'ВХА123456', categories: ['B'], issuedOn: '2016-11-01', expiresOn: '2046-11-01', firstLicence: false },
    payment: { confirmed: true, receipt: 'R-1', paidAt: '2026-11-16T09:05:00.000Z', blankFee: 25400, adminFee: 2600, deliveryFee: 0 },
    autoChecks: { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true },
    delivery: { method: 'pickup', centerId: CENTER },
    photoHash: sha(`photo-${n}`),
    signatureHash: sha(`sig-${n}`),
    ...over,
  };
}

/** Files applications 1..count at CENTER through the admin helper. */
export async function fileApplications(server: CentralServer, count: number, from = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < from + count; n++) ids.push((await server.admin.intake(sampleIntake(n))).id);
  return ids;
}

/**
 * Files applications from..from+count-1 at CENTER as intake records them (the same record and 'intake' effect),
 * straight into the store in one transaction, for tests that need thousands waiting: a few hundred milliseconds where
 * filing them one request at a time takes minutes.
 */
export async function fileApplicationsInBulk(server: CentralServer, count: number, from = 1): Promise<string[]> {
  const items = Array.from({ length: count }, (_, k) => ({ record: submittedRecord(sampleIntake(from + k)), source: 'intake' as const }));
  const { apps } = server.services;
  await server.store.write(async (tx) => {
    await apps.insert(tx, items);
    await apps.logEffects(tx, items.map(({ record }) => ({ opId: null, applicationId: record.id, centerId: record.centerId, kind: 'intake', version: 1, workstationId: null, at: NOW })));
  });
  return items.map(({ record }) => record.id);
}

export const ALL_TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
export const EXPLANATION = 'Посвідчення відсутнє в реєстрі МВС; зверніться до ТСЦ особисто.';

let seqCounter = 0;
/** An application-scoped op as the workstation's outbox writes it (a fresh opId and the next seq unless given). */
export function appOp(type: 'claim' | 'release' | 'approve' | 'refuse', applicationId: string, over: Partial<PushOp> = {}): PushOp {
  const args: Record<string, unknown> =
    type === 'approve' ? { manualChecks: ALL_TICKED } : type === 'refuse' ? { reasonCode: 'not_in_register', explanation: EXPLANATION } : type === 'release' ? { releasedClaimOf: null } : {};
  return {
    opId: randomUUID(), seq: ++seqCounter, scope: 'application', applicationId, type, args, baseVersion: 1,
    clientTime: '2026-11-27T09:00:00.000Z', operatorId: 'op-admin-1', ...over,
  };
}

export function periodOp(over: Partial<PushOp> = {}, args: Record<string, unknown> = {}): PushOp {
  return {
    opId: randomUUID(), seq: ++seqCounter, scope: 'center', applicationId: null, type: 'force_majeure.record',
    args: { periodId: randomUUID(), kind: 'air_alarm', startsAt: '2026-11-26T08:00:00.000Z', endsAt: '2026-11-26T11:00:00.000Z', note: 'Повітряна тривога', ...args },
    baseVersion: null, clientTime: '2026-11-26T11:05:00.000Z', operatorId: 'op-supervisor-1', ...over,
  };
}

export function pushBody(workstation: string, ops: unknown[], schemaVersion = 2) {
  return { workstation, schemaVersion, auditHead: AUDIT_HEAD, ops };
}

/** Pushes and returns the per-op results (asserting a 200). */
export async function push(server: { url: string }, token: string, workstation: string, ops: unknown[], center = CENTER) {
  const res = await call(server, 'POST', `/v1/centers/${center}/push`, { token, body: pushBody(workstation, ops) });
  if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text}`);
  return (res.json as { results: { opId: string; result: string; code: string | null; winner: unknown; record: unknown; serverVersion: number | null }[] }).results;
}
