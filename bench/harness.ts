/**
 * The harness core: runs suites one after another (they compete for the same two cores), turns a
 * missing model or data set into "skipped: <why>", keeps going past a failing suite, and writes
 * the results (JSON, markdown, SVG plots). The CLI (run.ts) only parses options and wires services.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figure';
import type { MachineInfo } from './machine';
import { meterOtherCpu } from './other-cpu';
import { renderMarkdown } from './report/markdown';
import type { Plot } from './report/plot';
import { renderSvg } from './report/svg';
import type { BenchResults, SuiteStatus } from './results';
import { SkipSuite, type Suite, type SuiteContext } from './suite';

export interface SuiteRun {
  statuses: SuiteStatus[];
  figures: Figure[];
  plots: Plot[];
}

/**
 * Runs the suites in order. `settle`, when given, runs before each suite (e.g. waiting for the CPU to
 * be quiet) and returns the fraction of the CPU other work used just before it.
 */
export async function runSuites(suites: readonly Suite[], ctx: SuiteContext, settle?: () => Promise<number>): Promise<SuiteRun> {
  const run: SuiteRun = { statuses: [], figures: [], plots: [] };
  for (const suite of suites) {
    const busy = settle ? await settle() : undefined;
    if (busy !== undefined && busy > 0.15) ctx.log(`  note: the CPU was ${(busy * 100).toFixed(0)}% busy with other work before ${suite.name}`);
    const others = meterOtherCpu();
    const started = performance.now();
    const round = (x: number) => Math.round(x * 100) / 100;
    const cpu = () => {
      const during = others();
      return { ...(busy !== undefined ? { cpuBusyBefore: round(busy) } : {}), ...(during !== null ? { otherCpuDuring: round(during) } : {}) };
    };
    const seconds = () => (performance.now() - started) / 1000;
    ctx.log(`▶ ${suite.name} (${suite.runtime}): ${suite.title}`);
    try {
      const result = await suite.run(ctx);
      for (const f of result.figures) if (f.suite !== suite.name) throw new Error(`Figure "${f.name}" claims suite "${f.suite}"`);
      run.figures.push(...result.figures);
      run.plots.push(...(result.plots ?? []));
      run.statuses.push({ name: suite.name, runtime: suite.runtime, status: 'ok', seconds: seconds(), notes: result.notes ?? [], ...cpu() });
      ctx.log(`✓ ${suite.name}: ${result.figures.length} figures in ${seconds().toFixed(1)} s`);
    } catch (error) {
      if (error instanceof SkipSuite) {
        run.statuses.push({ name: suite.name, runtime: suite.runtime, status: 'skipped', reason: error.message, seconds: seconds(), notes: [], ...cpu() });
        ctx.log(`− ${suite.name}: skipped: ${error.message}`);
      } else {
        // Playwright colours its call logs; keep the results plain text.
        const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\x1b\[[0-9;]*m/g, '').trim();
        run.statuses.push({ name: suite.name, runtime: suite.runtime, status: 'failed', reason, seconds: seconds(), notes: [], ...cpu() });
        ctx.log(`✗ ${suite.name} failed: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
      }
    }
  }
  return run;
}

export function assembleResults(
  run: SuiteRun,
  meta: { date: Date; command: string; quick: boolean; machine: MachineInfo; wallSeconds: number },
): BenchResults {
  return {
    version: 1,
    date: meta.date.toISOString(),
    command: meta.command,
    options: { quick: meta.quick, suites: run.statuses.map((s) => s.name) },
    machine: meta.machine,
    wallSeconds: meta.wallSeconds,
    suites: run.statuses,
    figures: run.figures,
    plots: run.plots.map((p) => p.file),
  };
}

/** Writes latest.json, latest.md and one SVG per plot into `dir`; returns the paths written. */
export function writeResults(dir: string, results: BenchResults, plots: readonly Plot[]): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  put('latest.json', `${JSON.stringify(results, null, 2)}\n`);
  put('latest.md', renderMarkdown(results));
  for (const plot of plots) put(plot.file, renderSvg(plot));
  return written;
}
