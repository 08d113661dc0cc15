/** What the app suite measured (bench/results/app.json) and its markdown summary (bench/results/app.md). */
import type { FirstScreen } from './first-screen-bytes';
import type { LighthouseRun } from './lighthouse-result';
import type { PrecacheGroup } from './precache';

export const FIRST_SCREEN_TARGET_BYTES = 200 * 1024;
export const OFFLINE_START_TARGET_MS = 1000;
export const LIGHTHOUSE_TARGET = 95;

export interface LoadSample {
  phase: string;
  /** 1-, 5- and 15-minute load averages (2 cores: 2 means both busy). */
  loadavg: number[];
}

export interface AppReport {
  date: string;
  commit: string;
  quick: boolean;
  buildSeconds: number;
  /** Whether the app was pointed at the run's model mirror (else at its built-in catalog, whose hosts are unreachable here). */
  withMirror: boolean;
  loads: LoadSample[];
  firstScreen: FirstScreen & { readyMs: number; makeup: { file: string; parts: { pkg: string; bytes: number }[] }[] };
  precache: {
    swFile: string;
    files: number;
    bytes: number;
    gzipBytes: number;
    groups: PrecacheGroup[];
    deferrableBytes: number;
    duplicated: { stem: string; copies: number; bytes: number }[];
    repeatedPackages: { pkg: string; chunks: string[]; bytes: number }[];
    missing: string[];
    /** What the browser's caches held after the service worker installed. */
    cached: { caches: number; entries: number; bytes: number } | null;
  };
  offline: { samples: number[]; p50: number; p90: number; settleMs: number };
  lighthouse: LighthouseRun[];
}

export const kib = (n: number) => `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
export const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**MISSED**');
const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+\//u, '');
/** The run's localhost origins (a new port each run) left out of URLs, so reports differ only in what changed. */
const localPaths = (text: string) => text.replace(/https?:\/\/(127\.0\.0\.1|localhost):\d+\//gu, '/');

function firstScreen(r: AppReport): string[] {
  const f = r.firstScreen;
  const lines = [
    '## 1. JavaScript and CSS for the first screen (cold load)',
    '',
    `Requests a cold load made before the question box was usable (${(f.readyMs / 1000).toFixed(2)} s after navigation start in this run), bodies gzipped (level 6). WASM runtimes, their loaders and models left out (${mib(f.excludedBytes)} of them by then).`,
    '',
    `- **Page JS + CSS: ${kib(f.pageGzip)} gzip** (JS ${kib(f.pageJsGzip)}, CSS ${kib(f.pageCssGzip)}); target ≤ ${kib(FIRST_SCREEN_TARGET_BYTES)}: ${verdict(f.pageGzip <= FIRST_SCREEN_TARGET_BYTES)}`,
    `- Workers' JS fetched by then (off the main thread, not in the target): ${kib(f.workerJsGzip)} gzip`,
    '',
    '| File | Loaded by | Raw | Gzip |',
    '| --- | --- | ---: | ---: |',
    ...f.chunks.filter((c) => c.kind === 'js' || c.kind === 'css').map((c) => `| ${shortUrl(c.url)} | ${c.by} | ${kib(c.bytes)} | ${kib(c.gzipBytes)} |`),
  ];
  for (const m of f.makeup) {
    const total = m.parts.reduce((s, p) => s + p.bytes, 0);
    const top = m.parts.slice(0, 8).map((p) => `${p.pkg} ${kib(p.bytes)} (${((100 * p.bytes) / total).toFixed(0)} %)`);
    lines.push('', `What ${m.file} is made of (minified bytes, from its source map): ${top.join(', ')}.`);
  }
  return lines;
}

function precache(r: AppReport): string[] {
  const p = r.precache;
  const lines = [
    '## 2. What the first visit downloads before the app works offline (the precache)',
    '',
    `${p.files} files in ${p.swFile}'s precache manifest: **${mib(p.bytes)}** (${mib(p.gzipBytes)} if every file is sent gzipped). Could be deferred: ${mib(p.deferrableBytes)}.`,
    ...(p.cached ? [`After install the browser's caches held ${p.cached.entries} entries, ${mib(p.cached.bytes)} in ${p.cached.caches} cache(s).`] : []),
    ...(p.missing.length ? [`Listed in the manifest but missing from the build: ${p.missing.join(', ')}.`] : []),
    '',
    '| Group | Files | Raw | Gzip | Largest | Could be deferred |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...p.groups.map((g) => `| ${g.group} | ${g.files} | ${mib(g.bytes)} | ${mib(g.gzipBytes)} | ${g.largest.map((l) => `${l.url.split('/').pop()} ${mib(l.bytes)}`).join(', ')} | ${g.deferrable ?? 'no (needed offline)'} |`),
  ];
  if (p.duplicated.length) {
    lines.push('', `Same chunk emitted more than once (bundled separately into several workers): ${p.duplicated.map((d) => `${d.stem} ×${d.copies} (${kib(d.bytes)})`).join(', ')}.`);
  }
  if (p.repeatedPackages.length) {
    lines.push('', `Packages bundled into several chunks: ${p.repeatedPackages.map((d) => `${d.pkg} in ${d.chunks.length} chunks (${mib(d.bytes)} in all: ${d.chunks.join(', ')})`).join('; ')}.`);
  }
  return lines;
}

function offline(r: AppReport): string[] {
  const o = r.offline;
  return [
    '## 3. Warm offline start',
    '',
    `After one visit (service worker active), network off, the app opened ${o.samples.length} times in new tabs of the same profile, ${o.settleMs / 1000} s apart: navigation start → the question box usable.`,
    '',
    `- **p50 ${o.p50.toFixed(0)} ms, p90 ${o.p90.toFixed(0)} ms** (min ${Math.min(...o.samples).toFixed(0)}, max ${Math.max(...o.samples).toFixed(0)}); target p50 ≤ ${OFFLINE_START_TARGET_MS} ms: ${verdict(o.p50 <= OFFLINE_START_TARGET_MS)}`,
    `- samples (ms): ${o.samples.map((x) => x.toFixed(0)).join(', ')}`,
  ];
}

function lighthouse(r: AppReport): string[] {
  const cats = ['performance', 'accessibility', 'best-practices'];
  const lines = [
    '## 4. Lighthouse 12.2.3 (headless Chromium, preview server)',
    '',
    `| Preset | ${cats.join(' | ')} |`,
    `| --- | ${cats.map(() => '---:').join(' | ')} |`,
    ...r.lighthouse.map((l) => `| ${l.preset} | ${cats.map((c) => `${l.scores[c] ?? '–'}${(l.scores[c] ?? 0) < LIGHTHOUSE_TARGET ? ' ✗' : ''}`).join(' | ')} |`),
    '',
    `Target ≥ ${LIGHTHOUSE_TARGET} in each (✗: missed). Audits below 90 (weight 0: reported but not in the score):`,
  ];
  for (const l of r.lighthouse) {
    lines.push('', `**${l.preset}**`, '');
    if (!l.failing.length) lines.push('- none');
    for (const a of l.failing) {
      lines.push(`- ${a.category} · \`${a.id}\` (score ${a.score}, weight ${a.weight}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
      for (const item of a.items) lines.push(`  - ${localPaths(item).replace(/\|/gu, '\\|')}`);
    }
    for (const w of l.warnings) lines.push(`- warning: ${w}`);
  }
  return lines;
}

export function renderAppReport(r: AppReport): string {
  const loads = r.loads.map((l) => `${l.phase} ${l.loadavg.map((x) => x.toFixed(2)).join(' / ')}`).join('; ');
  return [
    '# App: first screen, precache, offline start, Lighthouse',
    '',
    `Measured ${r.date.slice(0, 10)} at commit ${r.commit}${r.quick ? ' (quick run: few repetitions)' : ''} on a production build (vite build into a temporary folder, ${r.buildSeconds.toFixed(0)} s) served by vite preview${r.withMirror ? ', models from the project\'s mirror server on localhost' : ', built-in catalog (its model hosts unreachable here)'}. Reproduce: \`npx tsx bench/run.ts --suite app\`.`,
    '',
    `Load average (1/5/15 min; 2 cores) ${loads}. Timings (start times, Lighthouse performance) are noisy on this shared machine; sizes and Lighthouse accessibility and best-practices are not timing-sensitive.`,
    '',
    ...firstScreen(r),
    '',
    ...precache(r),
    '',
    ...offline(r),
    '',
    ...lighthouse(r),
    '',
  ].join('\n');
}
