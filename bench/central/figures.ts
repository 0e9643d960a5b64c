/** The figures one store yields in the central bench, shared by the run and its table. */
import type { StoreKind } from '../../central/store/store';
import type { LoadStats } from './load';
import type { RawDecisions } from './raw';
import type { SeedResult } from './seed';

export interface PhaseFigures {
  rows: number;
  stats: LoadStats;
  seconds: number;
  /** Server processes that shared the load (the table's CPU is theirs together, the memory the largest one's). */
  processes: number;
  rssIdleMb: number;
  rssPeakMb: number;
  rssMeanMb: number;
  serverCpuMs: number;
  /** Of which in the kernel on the server's behalf (its socket writes and reads). */
  serverSystemCpuMs: number;
  databaseCpuMs: number;
}

export interface StoreFigures {
  kind: StoreKind;
  seedSmall: SeedResult;
  seedBig: SeedResult;
  small: PhaseFigures;
  big: PhaseFigures;
  quietPull: { applications: number; ms: number };
  raw: { decisions: RawDecisions; pages: { records: number; ms: number } };
}
