/** The shape of `bench/results/latest.json`. */
import type { Figure } from './figure';
import type { MachineInfo } from './machine';

export interface SuiteStatus {
  name: string;
  runtime: 'node' | 'browser';
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped, or the error it failed with. */
  reason?: string;
  seconds: number;
  notes: string[];
  /** Fraction of the CPU other work used just before the suite started (after waiting for quiet). */
  cpuBusyBefore?: number;
  /** Fraction of all cores other processes used while the suite ran (Linux; a lower bound). */
  otherCpuDuring?: number;
}

export interface BenchResults {
  version: 1;
  /** ISO date and time the run started. */
  date: string;
  command: string;
  options: { quick: boolean; suites: string[] };
  machine: MachineInfo;
  wallSeconds: number;
  suites: SuiteStatus[];
  figures: Figure[];
  /** SVG files written beside the JSON. */
  plots: string[];
}
