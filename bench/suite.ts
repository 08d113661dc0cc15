/** What a benchmark suite is, what it gets from the harness, and how it says it cannot run. */
import type { BrowserEnv } from './browser/env';
import type { Figure } from './figure';
import type { MachinePeaks } from './kernels/peaks';
import type { Plot } from './report/plot';

export interface SuiteContext {
  /** Tiny sizes and few repetitions: checks that everything runs, measures nothing worth keeping. */
  quick: boolean;
  /** The project root (absolute). */
  root: string;
  /** `../shared` beside the project (absolute); it may be absent. */
  sharedDir: string;
  /** Where this run writes its results (bench/results/, or quick/, or --out); suites with a report of their own write it here. */
  outDir: string;
  log(message: string): void;
  /** The dev server and Chromium, started on first use and shared by all browser suites. */
  browser(): Promise<BrowserEnv>;
  /** WASM SIMD GFLOP/s and memory bandwidth of this machine in Chromium, measured once per run. */
  peaks(): Promise<MachinePeaks>;
}

export interface SuiteResult {
  figures: Figure[];
  plots?: Plot[];
  /** Facts a reader needs to interpret the figures (e.g. which code path was measured). */
  notes?: string[];
}

export interface Suite {
  name: string;
  runtime: 'node' | 'browser';
  /** One line on what it measures. */
  title: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

/** Thrown when a suite's data or model is missing: the suite is reported as skipped, never faked. */
export class SkipSuite extends Error {
  override name = 'SkipSuite';
}

export function skip(reason: string): never {
  throw new SkipSuite(reason);
}
