/** Helpers for tests of the update feed: artifact bytes, uploads, rollouts and assignments through the HTTP routes. */
import { createHash } from 'node:crypto';

/** Deterministic bytes standing for an installer of `version` (an executable shell script: the AppImage tests run it). */
export function artifactBytes(version: string, size = 64 * 1024): Buffer {
  const head = Buffer.from(`#!/bin/sh\n# sc-licence-console ${version}\nexit 0\n`);
  const body = Buffer.alloc(Math.max(0, size - head.length));
  let x = createHash('sha256').update(version).digest().readUInt32BE(0) || 1;
  for (let i = 0; i < body.length; i++) {
    // xorshift: fast, deterministic, and different per version
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body[i] = 0x20 + ((x >>> 0) % 90);
  }
  return Buffer.concat([head, body]);
}

export const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

export const appImageName = (version: string) => `sc-licence-console-${version}-linux-x86_64.AppImage`;

interface Server {
  url: string;
  adminToken: string;
}

async function admin(server: Server, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${server.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Uploads one artifact the way the CLI does (raw body, query parameters). */
export async function upload(server: Server, version: string, name: string, bytes: Buffer, query: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const q = new URLSearchParams({ version, name, ...query });
  const res = await fetch(`${server.url}/v1/admin/releases?${q}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Uploads an AppImage for `version` and rolls it out; answers the bytes. */
export async function publishAppImage(server: Server, version: string, rollout: { channel?: 'stable' | 'beta'; percent: number }, size?: number): Promise<Buffer> {
  const bytes = artifactBytes(version, size);
  const up = await upload(server, version, appImageName(version), bytes);
  if (up.status !== 201) throw new Error(`upload failed: ${JSON.stringify(up.json)}`);
  await setRollout(server, version, rollout);
  return bytes;
}

export async function setRollout(server: Server, version: string, change: { channel?: 'stable' | 'beta'; percent?: number; halted?: boolean }): Promise<void> {
  const res = await admin(server, 'PUT', `/v1/admin/releases/${version}`, change);
  if (res.status !== 200) throw new Error(`rollout failed: ${JSON.stringify(res.json)}`);
}

export async function assign(
  server: Server,
  scope: 'center' | 'workstation',
  id: string,
  change: { channel: 'stable' | 'beta' | null; pinnedVersion: string | null; allowDowngrade?: boolean },
): Promise<{ status: number; json: unknown }> {
  return admin(server, 'PUT', `/v1/admin/update-assignments/${scope}/${id}`, change);
}
