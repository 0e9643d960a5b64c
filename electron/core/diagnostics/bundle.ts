import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, statfsSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { verifyAuditChain } from '../services/audit';
import { LATEST_VERSION } from '../store/migrations';
import { ENROLMENT_FILE } from '../sync/enrolment';
import { LAST_SUCCESS_KEY } from '../sync/engine';
import { PULL_CURSOR_KEY, RESYNC_KEY } from '../services/pull-apply';
import { REFERENCE_VERSION_KEY } from '../sync/reference-apply';

/**
 * The diagnostics bundle IT pulls from a workstation that misbehaves: versions, the configuration without secrets,
 * sync state, outbox counts, quarantined op ids with their codes, the last log files, the database's integrity and
 * migration level, disk space and the audit chain's verdict. It is built from ids, counts and codes only: no
 * application record, op argument or free text from the database goes into it, so it holds no personal data.
 */
export interface DiagnosticsOptions {
  dataDir: string;
  /** The configuration file; `<dataDir>/config.json` unless given. */
  configPath?: string;
  /** The log folder; `<dataDir>/logs` unless given (the Electron shell keeps logs beside the data folder). */
  logDir?: string;
  /** An open connection (the running console); without it the database is opened read-only. */
  db?: Database.Database;
  appVersion?: string;
  now?: () => number;
  /** Newest log files to include (default 3), each cut to its last `maxLogBytes` (default 2 MB). */
  maxLogFiles?: number;
  maxLogBytes?: number;
}

export interface DiagnosticsBundle {
  /** File name inside the zip -> content. */
  files: Record<string, Uint8Array>;
  summary: DiagnosticsSummary;
}

export interface DiagnosticsSummary {
  createdAt: string;
  versions: Record<string, string | number | null>;
  database: { file: string | null; bytes: number | null; migrationLevel: number | null; latestMigration: number; integrity: string[] };
  audit: { ok: boolean; entries: number; headSeq: number; firstBroken: { seq: number; reason: string } | null } | null;
  outbox: Record<string, number>;
  quarantined: { opId: string; seq: number; type: string; attempts: number; firstFailedAt: string | null; code: string }[];
  disk: { freeBytes: number; totalBytes: number } | null;
}

const SECRET_KEY = /token|secret|password|passwd|key|code|credential/i;
const KNOWN_CONFIG_KEYS = new Set(['centralUrl', 'centerId', 'workstationId', 'channel', 'printer']);

export function buildDiagnostics(options: DiagnosticsOptions): DiagnosticsBundle {
  const now = options.now ?? (() => Date.now());
  const dbFile = ['console.sqlite', 'training.sqlite'].map((f) => join(options.dataDir, f)).find((f) => existsSync(f)) ?? null;
  const db = options.db ?? (dbFile ? new Database(dbFile, { readonly: true, fileMustExist: true }) : null);
  try {
    const database = describeDatabase(db, dbFile);
    const audit = db && hasTable(db, 'audit_log') ? auditVerdict(db) : null;
    const outbox = db && hasTable(db, 'outbox') ? outboxCounts(db) : {};
    const quarantined = db && hasTable(db, 'outbox') ? quarantinedOps(db) : [];
    const sync = db ? syncState(db, options.dataDir) : null;
    const disk = diskSpace(options.dataDir);
    const summary: DiagnosticsSummary = {
      createdAt: new Date(now()).toISOString(),
      versions: {
        app: options.appVersion ?? null,
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        sqlite: db ? (db.prepare('SELECT sqlite_version()').pluck().get() as string) : null,
        platform: process.platform,
        arch: process.arch,
      },
      database,
      audit,
      outbox,
      quarantined,
      disk,
    };
    const files: Record<string, Uint8Array> = {
      'summary.json': json(summary),
      'config.json': json(sanitisedConfig(options.configPath ?? join(options.dataDir, 'config.json'))),
      'sync.json': json({ ...sync, outbox, quarantined }),
    };
    for (const log of lastLogs(options.logDir ?? join(options.dataDir, 'logs'), options.maxLogFiles ?? 3, options.maxLogBytes ?? 2 * 1024 * 1024)) {
      files[`logs/${log.name}`] = strToU8(log.text);
    }
    return { files, summary };
  } finally {
    if (!options.db) db?.close();
  }
}

/** Builds the bundle and writes it as a zip; returns where and how big. */
export function writeDiagnosticsBundle(options: DiagnosticsOptions, outFile: string): { file: string; bytes: number; entries: number; summary: DiagnosticsSummary } {
  const bundle = buildDiagnostics(options);
  const zip = zipSync(bundle.files, { level: 6, mtime: new Date((options.now ?? Date.now)()) });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip, { mode: 0o600 });
  return { file: outFile, bytes: zip.byteLength, entries: Object.keys(bundle.files).length, summary: bundle.summary };
}

/** `diagnostics-<UTC time>.zip`, safe on every file system. */
export function bundleFileName(at: number): string {
  return `diagnostics-${new Date(at).toISOString().replace(/[:.]/g, '-')}.zip`;
}

function json(value: unknown): Uint8Array {
  return strToU8(JSON.stringify(value, null, 2) + '\n');
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function describeDatabase(db: Database.Database | null, file: string | null): DiagnosticsSummary['database'] {
  if (!db) return { file: null, bytes: null, migrationLevel: null, latestMigration: LATEST_VERSION, integrity: ['no database in this data folder'] };
  const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  return {
    file: file ? basename(file) : null,
    bytes: file ? statSync(file).size : null,
    migrationLevel: db.pragma('user_version', { simple: true }) as number,
    latestMigration: LATEST_VERSION,
    integrity,
  };
}

function auditVerdict(db: Database.Database): NonNullable<DiagnosticsSummary['audit']> {
  const v = verifyAuditChain(db);
  return { ok: v.ok, entries: v.entries, headSeq: v.head.seq, firstBroken: v.firstBroken ?? null };
}

function outboxCounts(db: Database.Database): Record<string, number> {
  const rows = db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state').all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Ids, types and codes only: an op's arguments (an explanation, a tracking number) stay out. */
function quarantinedOps(db: Database.Database): DiagnosticsSummary['quarantined'] {
  const rows = db
    .prepare("SELECT op_id, seq, type, attempts, first_failed_at, last_error FROM outbox WHERE state = 'quarantined' ORDER BY seq LIMIT 10000")
    .all() as { op_id: string; seq: number; type: string; attempts: number; first_failed_at: number | null; last_error: string | null }[];
  return rows.map((r) => ({
    opId: r.op_id,
    seq: r.seq,
    type: r.type,
    attempts: r.attempts,
    firstFailedAt: r.first_failed_at === null ? null : new Date(r.first_failed_at).toISOString(),
    code: failureCode(r.last_error),
  }));
}

/** Quarantine follows server faults; the stored sentence names the HTTP status, which is the code IT needs. */
export function failureCode(lastError: string | null): string {
  const status = lastError ? /HTTP (\d{3})/.exec(lastError)?.[1] : undefined;
  return status ? `http_${status}` : 'transient_failure';
}

function syncState(db: Database.Database, dataDir: string) {
  const meta = (key: string) =>
    hasTable(db, 'meta') ? ((db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null) : null;
  let binding: unknown;
  try {
    binding = JSON.parse(meta('binding') ?? 'null');
  } catch {
    binding = 'unreadable';
  }
  return {
    binding: sanitiseBinding(binding),
    enrolled: existsSync(join(dataDir, ENROLMENT_FILE)),
    lastSuccessAt: meta(LAST_SUCCESS_KEY),
    // The cursor is opaque (epoch and sequence); it says how far the pull got.
    pullCursor: meta(PULL_CURSOR_KEY),
    resyncInProgress: meta(RESYNC_KEY) !== null,
    referenceVersion: meta(REFERENCE_VERSION_KEY),
    results: hasTable(db, 'outbox') ? resultCodes(db) : {},
  };
}

function sanitiseBinding(binding: unknown): unknown {
  if (!binding || typeof binding !== 'object') return binding;
  const b = binding as Record<string, unknown>;
  return { centralUrl: typeof b.centralUrl === 'string' ? safeUrl(b.centralUrl) : null, centerId: b.centerId ?? null, workstationId: b.workstationId ?? null };
}

/** Conflicts and rejections counted by their code (the code is the server's stable word, never a person's data). */
function resultCodes(db: Database.Database): Record<string, number> {
  const rows = db
    .prepare("SELECT state, json_extract(result, '$.code') AS code, count(*) AS n FROM outbox WHERE state IN ('conflict', 'rejected') GROUP BY state, code ORDER BY state, code")
    .all() as { state: string; code: string | null; n: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.state}:${/^[a-z_]{1,64}$/.test(r.code ?? '') ? r.code : 'other'}`, r.n]));
}

function safeUrl(text: string): string {
  try {
    const u = new URL(text);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return text === 'training' ? 'training' : '[not a URL]';
  }
}

/** The known settings as they are; any other key keeps its name, and a value only when it cannot be a secret. */
function sanitisedConfig(path: string): Record<string, unknown> {
  if (!existsSync(path)) return { present: false, mode: 'training' };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { present: true, valid: false, problem: 'not valid JSON' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { present: true, valid: false, problem: 'not a JSON object' };
  const out: Record<string, unknown> = { present: true };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (SECRET_KEY.test(key)) out[key] = '[removed]';
    else if (key === 'centralUrl' && typeof value === 'string') out[key] = safeUrl(value);
    else if (KNOWN_CONFIG_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) out[key] = value;
    else out[key] = '[not included]';
  }
  return out;
}

/** The newest log files, their last bytes, and of those only lines that are structured JSON. */
function lastLogs(dir: string, maxFiles: number, maxBytes: number): { name: string; text: string }[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /\.log$|\.log\.\d+$|^\d{8}-\d{4}-\d{2}-console\.log$/.test(f) || f.includes('console.log'))
    .map((f) => ({ name: f, mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name))
    .slice(0, maxFiles);
  return files.map(({ name }) => {
    const buf = readFileSync(join(dir, name));
    const tail = buf.subarray(Math.max(0, buf.length - maxBytes)).toString('utf8');
    const lines = tail.split('\n').filter((line) => {
      try {
        const v: unknown = JSON.parse(line);
        return v !== null && typeof v === 'object';
      } catch {
        return false;
      }
    });
    return { name, text: lines.join('\n') + (lines.length ? '\n' : '') };
  });
}

function diskSpace(dir: string): DiagnosticsSummary['disk'] {
  try {
    const s = statfsSync(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
