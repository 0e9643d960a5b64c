import { afterEach } from 'vitest';
import { startTempCentral, type TempCentral } from '../../../central/testing';
import { TEST_NOW } from '../../support/deciding';
import { FaultProxy } from './fault-proxy';
import { ADMIN, openWorkstation, type Workstation } from './workstation';

export interface ProxiedRig {
  central: TempCentral;
  proxy: FaultProxy;
  ws: Workstation;
}

/**
 * One signed-in workstation talking to the real central server through a fault proxy on loopback; everything a test
 * started is closed after it. Call at the top of a test file; `setUp` starts a fresh rig per test.
 */
export function proxiedRig(training: { seed: number; size: number }) {
  let rig: Partial<ProxiedRig> = {};
  afterEach(async () => {
    await rig.ws?.dispose();
    await rig.proxy?.close();
    await rig.central?.dispose();
    rig = {};
  });
  return async function setUp(options: { disableDedupe?: boolean } = {}): Promise<ProxiedRig> {
    const central = await startTempCentral({
      training: { ...training, now: TEST_NOW },
      now: () => TEST_NOW,
      ...(options.disableDedupe !== undefined ? { faults: { disableDedupe: options.disableDedupe } } : {}),
    });
    rig.central = central;
    const proxy = await FaultProxy.start(central.url);
    rig.proxy = proxy;
    const ws = await openWorkstation(central, proxy.url);
    rig.ws = ws;
    await ws.signIn(ADMIN);
    return { central, proxy, ws };
  };
}
