/**
 * `npm run bench`: runs the benchmark suites and writes bench/results/latest.{json,md} and SVG plots.
 *
 *   npx tsx bench/run.ts [--suite embedding,llm] [--quick] [--out DIR] [--list]
 *
 * --quick uses tiny sizes and few repetitions (a smoke test; it writes to bench/results/quick/).
 * Exits 1 if a suite failed; a suite whose model or data is missing is skipped with the reason.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBrowserEnv, type BrowserEnv } from './browser/env';
import { assembleResults, runSuites, writeResults } from './harness';
import { measurePeaks, type MachinePeaks } from './kernels/peaks';
import { machineInfo } from './machine';
import { cpuBusy, waitForQuiet } from './machine-load';
import { renderOutcomes, renderTable } from './report/table';
import type { SuiteContext } from './suite';
import { SUITES } from './suites/index';

const root = resolve(import.meta.dirname, '..');

function parse() {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  return values;
}

async function main(): Promise<number> {
  const args = parse();
  if (args.list) {
    for (const s of SUITES) console.log(`${s.name.padEnd(18)} ${s.runtime.padEnd(8)} ${s.title}`);
    return 0;
  }
  const wanted = args.suite ? args.suite.split(',').map((s) => s.trim()).filter(Boolean) : SUITES.map((s) => s.name);
  const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const suites = SUITES.filter((s) => wanted.includes(s.name));
  const quick = args.quick ?? false;
  const outDir = resolve(args.out ?? resolve(root, 'bench', 'results', quick ? 'quick' : ''));
  const started = new Date();
  const t0 = performance.now();
  const log = (m: string) => console.log(m);
  const loadAtStart = loadavg();
  const busy = await cpuBusy(1000);
  if (busy > 0.15) log(`warning: the CPU is ${(busy * 100).toFixed(0)}% busy with other work; figures will suffer (each suite waits up to 45 s for quiet)`);

  let env: Promise<BrowserEnv> | null = null;
  let peaks: Promise<MachinePeaks> | null = null;
  const ctx: SuiteContext = {
    quick,
    root,
    outDir,
    sharedDir: resolve(process.env.HEARTH_SHARED_DIR ?? resolve(root, '..', 'shared')),
    log,
    browser: () => (env ??= createBrowserEnv(root, log)),
    peaks: () => (peaks ??= ctx.browser().then((e) => measurePeaks(e, quick, log))),
  };

  // Quick runs are smoke tests: no waiting for a quiet CPU.
  const run = await runSuites(suites, ctx, quick ? undefined : () => waitForQuiet());
  const chromium = env ? await (env as Promise<BrowserEnv>).then((e) => e.chromiumVersion, () => null) : null;
  if (env) await (env as Promise<BrowserEnv>).then((e) => e.close(), () => undefined);

  const wallSeconds = (performance.now() - t0) / 1000;
  const command = `tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim();
  const results = assembleResults(run, { date: started, command, quick, machine: machineInfo(root, chromium, loadAtStart), wallSeconds });
  const written = writeResults(outDir, results, run.plots);

  console.log(`\n${renderTable(results.figures)}\n`);
  console.log(renderOutcomes(results.suites));
  console.log(`\nwrote ${written.map((p) => p.replace(`${root}/`, '')).join(', ')}`);
  console.log(`total wall time ${wallSeconds.toFixed(1)} s`);
  return results.suites.some((s) => s.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
