import { startTempCentral, type TempCentral } from '../../central/testing';
import { TEST_NOW } from './deciding';

/**
 * A reference central server in this process with the training set, for tests of a training core: the core is
 * pointed at it (`openCore({ central: { url } })`) instead of launching a child per test.
 */
export function startTrainingCentral(training: { seed: number; size: number; includeHostile?: boolean }, now: number = TEST_NOW): Promise<TempCentral> {
  return startTempCentral({ training: { ...training, now }, now: () => now });
}
export type { TempCentral } from '../../central/testing';
