/**
 * The app as a user gets it, on a production build: the JS and CSS of the first screen, what the
 * first visit precaches for offline use, the warm offline start, and Lighthouse's scores. Writes its
 * own report, app.json and app.md, beside the run's results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chunkMakeup, readPrecache } from '../app/build-files';
import { measureFirstScreen } from '../app/first-screen';
import { runLighthouse } from '../app/lighthouse';
import { measureOfflineStarts } from '../app/offline-start';
import { duplicatedChunks, groupPrecache } from '../app/precache';
import { FIRST_SCREEN_TARGET_BYTES, LIGHTHOUSE_TARGET, OFFLINE_START_TARGET_MS, renderAppReport, type AppReport, type LoadSample } from '../app/report';
import { repeatedPackages } from '../app/sourcemap';
import { serveBuiltApp } from '../browser/built-app';
import { CHROMIUM_ARGS, chromiumPath, launchChromium } from '../browser/launch';
import { figure, type Figure } from '../figure';
import { percentile } from '../stats';
import { skip, type Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, mirrorPath, SMOLLM2_DIR, SMOLLM2_FILES } from './models';

const NAME = 'app';

/** Debian's chromium (or $CHROMIUM_PATH), else Playwright's own browser if it is installed; null when there is none. */
function findChromium(): string | null {
  const own = chromiumPath();
  if (own) return existsSync(own) ? own : null;
  const bundled = chromium.executablePath();
  return bundled && existsSync(bundled) ? bundled : null;
}

function commitOf(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export const appSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'built app: first-screen JS (gzip), precache bytes, warm offline start, Lighthouse scores',
  async run(ctx) {
    const chromePath = findChromium();
    if (!chromePath) skip('Chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
    const loads: LoadSample[] = [];
    const mark = (phase: string) => loads.push({ phase, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) });
    mark('start');
    // With the mirror the embedder loads as it would from a reachable model host; without it the app still opens.
    const withMirror = [...MINILM_FILES.map((f) => mirrorPath(ctx.root, MINILM_DIR, f)), mirrorPath(ctx.root, SMOLLM2_DIR, SMOLLM2_FILES.Q8_0)].every(existsSync);
    const app = await serveBuiltApp(ctx.root, 'all-MiniLM-L6-v2', 'SmolLM2-135M-Instruct-Q8_0-GGUF', ctx.log);
    const initScript = withMirror ? app.settingsScript : '';
    const browser = await launchChromium();
    try {
      const built = readPrecache(app.outDir);
      const groups = groupPrecache(built.entries);
      mark('after build');

      const first = await measureFirstScreen(browser, app.appUrl, initScript);
      const appOrigin = new URL(app.appUrl).origin;
      const pageChunks = first.chunks.filter((c) => c.by === 'page' && c.kind === 'js').slice(0, 2);
      const makeup = pageChunks.map((c) => {
        const file = c.url.slice(appOrigin.length + 1);
        return { file, parts: chunkMakeup(app.outDir, file) ?? [] };
      });
      ctx.log(`  first screen: page JS+CSS ${(first.pageGzip / 1024).toFixed(1)} KiB gzip, workers' JS ${(first.workerJsGzip / 1024).toFixed(1)} KiB`);
      mark('after first screen');

      const runs = ctx.quick ? 3 : 15;
      const offline = await measureOfflineStarts(browser, app.appUrl, initScript, runs);
      const p50 = percentile(offline.samples, 50);
      const p90 = percentile(offline.samples, 90);
      ctx.log(`  offline start: p50 ${p50.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`);
      mark('after offline starts');

      const lighthouse = await runLighthouse(app.appUrl, chromePath, CHROMIUM_ARGS, initScript, ctx.log);
      mark('after Lighthouse');

      const total = (key: 'bytes' | 'gzipBytes') => built.entries.reduce((s, e) => s + (e[key] ?? 0), 0);
      const report: AppReport = {
        date: new Date().toISOString(),
        commit: commitOf(ctx.root),
        quick: ctx.quick,
        buildSeconds: app.buildSeconds,
        withMirror,
        loads,
        firstScreen: { ...first, makeup },
        precache: {
          swFile: built.swFile,
          files: built.entries.length,
          bytes: total('bytes'),
          gzipBytes: total('gzipBytes'),
          groups,
          deferrableBytes: groups.filter((g) => g.deferrable).reduce((s, g) => s + g.bytes, 0),
          duplicated: duplicatedChunks(built.entries),
          repeatedPackages: repeatedPackages(built.makeups),
          missing: built.missing,
          cached: offline.cached,
        },
        offline: { samples: offline.samples, p50, p90, settleMs: offline.settleMs },
        lighthouse,
      };
      mkdirSync(ctx.outDir, { recursive: true });
      writeFileSync(join(ctx.outDir, 'app.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(join(ctx.outDir, 'app.md'), renderAppReport(report));
      ctx.log(`  wrote ${join(ctx.outDir, 'app.md')} and app.json`);
      return { figures: figures(report), notes: notes(report) };
    } finally {
      await browser.close();
      await app.stop();
    }
  },
};

function figures(r: AppReport): Figure[] {
  const one = (name: string, unit: string, value: number, better: 'higher' | 'lower', target?: number, note?: string) =>
    figure(NAME, { name, unit, samples: [value], better, ...(target !== undefined ? { baseline: { name: 'target', value: target, kind: 'target' as const } } : {}), ...(note ? { note } : {}) });
  const out = [
    one('first-screen page JS + CSS (gzip)', 'KiB', r.firstScreen.pageGzip / 1024, 'lower', FIRST_SCREEN_TARGET_BYTES / 1024),
    one('first-screen workers\' JS (gzip)', 'KiB', r.firstScreen.workerJsGzip / 1024, 'lower'),
    one('precache, first visit (raw)', 'MiB', r.precache.bytes / 1024 / 1024, 'lower'),
    one('precache that could be deferred (raw)', 'MiB', r.precache.deferrableBytes / 1024 / 1024, 'lower'),
    figure(NAME, {
      name: 'warm offline start → question box usable',
      unit: 'ms',
      samples: r.offline.samples,
      better: 'lower',
      baseline: { name: 'target p50', value: OFFLINE_START_TARGET_MS, kind: 'target' },
      note: `p90 ${r.offline.p90.toFixed(0)} ms`,
    }),
  ];
  for (const l of r.lighthouse) {
    for (const [category, score] of Object.entries(l.scores)) {
      if (score !== null) out.push(one(`Lighthouse ${l.preset} ${category}`, 'score', score, 'higher', LIGHTHOUSE_TARGET));
    }
  }
  return out;
}

function notes(r: AppReport): string[] {
  return [
    `first screen = requests made before the question box was usable (${(r.firstScreen.readyMs / 1000).toFixed(2)} s into a cold load), bodies gzipped; WASM runtimes, their loaders and models left out; details in app.md`,
    `load average (1/5/15 min) ${r.loads.map((l) => `${l.phase} ${l.loadavg.join('/')}`).join('; ')}: timings are noisy on a shared machine`,
  ];
}
