import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { startTrainingCentral, type TempCentral } from '../../tests/support/central-server';
import { dispatch } from '../core/api/dispatch';
import { handleContractCall, type CallTarget, type FrameRef, type SenderEvent, type WindowRef } from './contract-call';
import { WindowSessions } from './window-sessions';

/*
 * The IPC checks against the real core. The Electron binary cannot run here, so the window and the IPC event are
 * test doubles of Electron's objects (named ElectronDouble*): plain records with the fields the checks read.
 */

const NOW = Date.parse('2026-11-27T08:00:00Z');
let dir: string;
let core: Core;
let central: TempCentral;

const mainFrame: FrameRef = { processId: 7, routingId: 1, url: 'app://console/index.html' };
const electronDoubleWindow: WindowRef = { isDestroyed: () => false, webContents: { id: 3, mainFrame } };
const electronDoubleEvent = (frame: Partial<FrameRef> | null, senderId = 3): SenderEvent => ({
  sender: { id: senderId },
  senderFrame: frame === null ? null : { ...mainFrame, ...frame },
});

let target: CallTarget;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contract-call-'));
  central = await startTrainingCentral({ size: 20, seed: 5 }, NOW);
  core = await openCore({ dataDir: join(dir, 'data'), now: () => NOW, central: { url: central.url } });
  target = { facade: core.facade, window: () => electronDoubleWindow, origins: { devOrigin: null }, log: core.log, sessions: new WindowSessions() };
});

afterAll(async () => {
  await core?.close();
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('one console:invoke call', () => {
  it('from our window on app://console reaches the core and answers {ok, value}', async () => {
    const result = await handleContractCall(target, electronDoubleEvent({}), 'session.info', {});
    expect(result).toMatchObject({ ok: true, value: { mode: 'training' } });
  });

  it('a method outside the contract is refused as unknown_method', async () => {
    for (const method of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      expect(await handleContractCall(target, electronDoubleEvent({}), method, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('input that fails the contract schema never reaches the core', async () => {
    expect(await handleContractCall(target, electronDoubleEvent({}), 'application.get', { id: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it.each([
    ['a subframe of our window', electronDoubleEvent({ routingId: 2 })],
    ['a frame in another renderer process', electronDoubleEvent({ processId: 8 })],
    ['our main frame after it navigated elsewhere', electronDoubleEvent({ url: 'https://example.invalid/' })],
    ['our main frame on a file:// page', electronDoubleEvent({ url: 'file:///work/main/out/renderer/index.html' })],
    ['the dev server when not in development', electronDoubleEvent({ url: 'http://localhost:5173/' })],
    ['a frame that is gone', electronDoubleEvent(null)],
    ['another WebContents', electronDoubleEvent({}, 4)],
  ])('from %s is refused as forbidden', async (_name, event) => {
    expect(await handleContractCall(target, event, 'session.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is refused when our window is closed or not yet created', async () => {
    const closed = { ...target, window: () => ({ ...electronDoubleWindow, isDestroyed: () => true }) };
    const none = { ...target, window: () => null };
    expect(await handleContractCall(closed, electronDoubleEvent({}), 'session.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handleContractCall(none, electronDoubleEvent({}), 'session.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('in development the dev server page on our main frame may call', async () => {
    const dev = { ...target, origins: { devOrigin: 'http://localhost:5173' } };
    expect(await handleContractCall(dev, electronDoubleEvent({ url: 'http://localhost:5173/' }), 'session.info', {})).toMatchObject({ ok: true });
  });
});

describe("a window's session", () => {
  const admin = { login: 'admin', password: 'admin-training-1' };
  const call = (method: string, input: unknown = {}) => handleContractCall(target, electronDoubleEvent({}), method, input);

  it('is bound to the window: the sign-in answer carries no credential, and the window acts as its operator until it signs out', async () => {
    expect(await call('auth.current')).toEqual({ ok: true, value: { operator: null, locked: false } });
    const signIn = await call('auth.signIn', admin);
    expect(signIn).toMatchObject({ ok: true, value: { operator: { id: 'op-admin-1' }, session: null } });
    expect(await call('auth.current')).toMatchObject({ ok: true, value: { operator: { id: 'op-admin-1' }, locked: false } });
    expect(await call('queue.page', { limit: 1 })).toMatchObject({ ok: true });
    // Another caller of the same core (a browser page, a test) is not this window's session.
    expect(await dispatch(core.facade, 'auth.current', {})).toEqual({ ok: true, value: { operator: null, locked: false } });
    expect(await call('auth.signOut')).toEqual({ ok: true, value: { signedOut: true } });
    expect(await call('queue.page', { limit: 1 })).toMatchObject({ ok: false, error: { code: 'session_required' } });
  });

  it('ends with the window: the credential released when it closes no longer opens anything', async () => {
    await call('auth.signIn', admin);
    const credential = target.sessions.release(electronDoubleWindow.webContents.id);
    expect(credential).toEqual(expect.any(String));
    expect(await dispatch(core.facade, 'auth.signOut', {}, undefined, { session: credential })).toEqual({ ok: true, value: { signedOut: true } });
    expect(await call('auth.current')).toEqual({ ok: true, value: { operator: null, locked: false } });
    expect(await dispatch(core.facade, 'queue.page', { limit: 1 }, undefined, { session: credential })).toMatchObject({ ok: false, error: { code: 'session_required' } });
  });
});
