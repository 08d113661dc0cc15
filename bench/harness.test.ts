/** Smoke test of the harness itself: fake suites through the real core and writers, then the real CLI on a Node suite. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { figure } from './figure';
import { assembleResults, runSuites, writeResults } from './harness';
import { machineInfo } from './machine';
import { renderOutcomes, renderTable } from './report/table';
import type { BenchResults } from './results';
import { skip, type Suite, type SuiteContext } from './suite';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'hearth-bench-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const fakeSuites: Suite[] = [
  {
    name: 'fake-ok',
    runtime: 'node',
    title: 'two figures and a plot',
    run: async () => ({
      figures: [
        figure('fake-ok', { name: 'latency', unit: 'ms', samples: [12, 10, 11, 30, 9], better: 'lower', baseline: { name: 'target', value: 15, kind: 'target' } }),
        figure('fake-ok', { name: 'throughput', unit: 'items/s', samples: [50, 52, 48], better: 'higher', baseline: { name: 'other library', value: 100, kind: 'measured' } }),
      ],
      plots: [{ file: 'fake.svg', title: 'Fake <curve>', xLabel: 'n', yLabel: 'ms', xLog: true, series: [{ name: 'a', points: [[1, 2], [10, 3], [100, 5]] }] }],
      notes: ['a note'],
    }),
  },
  { name: 'fake-skip', runtime: 'browser', title: 'needs a model', run: async () => skip('model file missing (run make-models)') },
  { name: 'fake-fail', runtime: 'node', title: 'breaks', run: async () => { throw new Error('boom'); } },
];

const ctx: SuiteContext = {
  quick: true,
  root,
  outDir: join(root, 'bench', 'results', 'quick'),
  sharedDir: join(root, '..', 'shared'),
  log: () => {},
  browser: () => Promise.reject(new Error('no browser in unit tests')),
  peaks: () => Promise.reject(new Error('no browser in unit tests')),
};

describe('figure', () => {
  it('takes the median as the value, the ratio against the baseline, and checks a target', () => {
    const f = figure('s', { name: 'x', unit: 'ms', samples: [3, 1, 2], better: 'lower', baseline: { name: 'target', value: 4, kind: 'target' } });
    expect(f.value).toBe(2);
    expect(f.ratio).toBe(0.5);
    expect(f.meets).toBe(true);
    const slow = figure('s', { name: 'x', unit: 'tokens/s', samples: [10], better: 'higher', baseline: { name: 'floor', value: 20, kind: 'target' } });
    expect(slow.meets).toBe(false);
  });
});

describe('harness', () => {
  it('runs every suite, reports a skip with its reason and a failure without stopping, and writes JSON, markdown and SVG', async () => {
    const run = await runSuites(fakeSuites, ctx);
    expect(run.statuses.map((s) => s.status)).toEqual(['ok', 'skipped', 'failed']);
    expect(run.statuses[1]?.reason).toBe('model file missing (run make-models)');
    expect(run.statuses[2]?.reason).toBe('Error: boom');

    const results = assembleResults(run, { date: new Date('2026-01-02T03:04:05Z'), command: 'test', quick: true, machine: machineInfo(root, null), wallSeconds: 1.5 });
    writeResults(out, results, run.plots);
    const json = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchResults;
    expect(json.version).toBe(1);
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.memoryBytes).toBeGreaterThan(0);
    expect(json.machine.node).toBe(process.version);
    expect(json.machine.packages.vite).toMatch(/^\d+\./);
    expect(json.figures).toHaveLength(2);
    expect(json.figures[0]).toMatchObject({
      suite: 'fake-ok',
      name: 'latency',
      unit: 'ms',
      value: 11,
      baseline: { name: 'target', value: 15, kind: 'target' },
      meets: true,
      stats: { median: 11, min: 9, max: 30, n: 5 },
    });
    expect(json.figures[0]?.stats.p95).toBeCloseTo(26.4, 6);
    expect(json.plots).toEqual(['fake.svg']);

    const svg = readFileSync(join(out, 'fake.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Fake &lt;curve&gt;');
    expect(svg).toContain('<polyline');

    const md = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(md).toContain('| Suite | Figure | Median | p95 | Min–max | n | Baseline / bound | Ratio |');
    expect(md).toContain('| fake-ok | latency | 11 ms | 26.4 | 9–30 | 5 | target ≤ 15 ms (met) | 0.733× |');
    expect(md).toContain('- fake-skip: skipped: model file missing (run make-models)');
    expect(md).toContain('- fake-fail: FAILED: Error: boom');
  });

  it('prints an aligned table and one outcome line per suite', async () => {
    const run = await runSuites(fakeSuites, ctx);
    const table = renderTable(run.figures).split('\n');
    expect(table[0]).toMatch(/^Suite\s+Figure\s+Median\s+p95\s+Min–max\s+n\s+Baseline \/ bound\s+Ratio$/);
    expect(new Set(table.map((l) => [...l].length)).size).toBe(1);
    expect(table.find((l) => l.includes('throughput'))).toMatch(/50 items\/s .* other library: 100 items\/s\s+0\.5×$/);
    expect(renderOutcomes(run.statuses)).toMatch(/fake-skip: skipped: model file missing/);
  });
});

describe('bench/run.ts', () => {
  it('runs a Node suite in --quick mode and exits 0 with a results file', async () => {
    const dir = join(out, 'cli');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--suite', 'retrieval-quality', '--quick', '--out', dir], { cwd: root, timeout: 60_000 });
    expect(stdout).toContain('total wall time');
    const json = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as BenchResults;
    expect(json.options).toEqual({ quick: true, suites: ['retrieval-quality'] });
    const status = json.suites[0]?.status;
    expect(status === 'ok' || status === 'skipped').toBe(true);
    if (status === 'ok') expect(json.figures.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'latest.md'))).toBe(true);
  }, 60_000);
});
