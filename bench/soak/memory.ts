/**
 * One memory sample of the tab, taken the same way every time so samples compare: garbage collected
 * first in the page and every worker that answers (twice: a collection in one heap can release
 * objects another heap kept alive through a message port), then three views of what is left:
 *  - each target's heap (CDP Runtime.getHeapUsage): V8 plus Blink's heap, and array-buffer backing
 *    stores (WebAssembly memories among them) separately;
 *  - the browser's own attribution (performance.measureUserAgentSpecificMemory, cross-origin isolated
 *    pages only), page and workers by URL;
 *  - resident memory of the renderer processes (Linux /proc), which also holds what the heaps do not:
 *    WebAssembly memories' touched pages, the compiled code, the allocator's slack.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import type { DomCounters, HeapUsage, Target, TargetTree } from './cdp-targets';
import { largestMappings, type Mapping } from './mappings';

export interface TargetMemory {
  /** "page", "worker llm.worker", "worker thread of llm.worker" (a runtime's pthreads share one label). */
  label: string;
  count: number;
  heapBytes: number;
  buffersBytes: number;
}

export interface UaMemoryEntry {
  scope: string;
  url: string;
  bytes: number;
}

export interface MemorySample {
  label: string;
  questions: number;
  documents: number;
  elapsedSeconds: number;
  /** Page and its dedicated workers: V8 used + Blink used, after GC. The leak indicator. */
  tabHeapBytes: number;
  /** Page and its dedicated workers: array buffers and WebAssembly memories. */
  tabBuffersBytes: number;
  /** Per target kind (the service worker is listed, but is not the tab's and not in the totals). */
  targets: TargetMemory[];
  /** Targets that did not answer (parked pthreads): not in the heap figures. */
  silent: string[];
  /** Targets that did not collect garbage when told to (their heap may hold garbage). */
  notCollected: string[];
  /** performance.measureUserAgentSpecificMemory() total, or null where unavailable or not asked. */
  uaBytes: number | null;
  uaBreakdown: UaMemoryEntry[];
  dom: DomCounters;
  /** Sum of VmRSS over Chromium's renderer processes, or null without /proc. */
  rendererRssBytes: number | null;
  /** Each renderer process (the largest is the tab's: page and workers share it). */
  renderers: ProcessRss[];
  /** The tab's process: its mappings with the most resident memory. */
  tabMappings: Mapping[];
  /** How long each step of the sample took (ms). */
  stepMs: Record<string, number>;
  /** The machine's 1-minute load average: the CPU is shared, and a busy machine slows every answer. */
  load1: number;
}

function scriptName(url: string): string {
  const file = url.split('/').pop()?.split('?')[0] ?? url;
  // Built assets carry a content hash ("llm.worker-C-w-b-rO.js"): the name alone is stable across builds.
  return file.replace(/-[\w-]{6,10}(?=\.m?js$)/, '').replace(/\.m?js$/, '') || url;
}

function labelOf(t: Target): string {
  if (t.type === 'page') return 'page';
  // A worker started from a blob: URL (a runtime's pthread) is named by the worker that started it.
  const name = t.url.startsWith('blob:') && t.ownerUrl ? `thread of ${scriptName(t.ownerUrl)}` : scriptName(t.url);
  return `${t.type === 'worker' ? 'worker' : t.type} ${name}`;
}

const inTab = (t: Target) => t.type === 'page' || t.type === 'worker';

/**
 * How long a target may take to answer. The page and its own workers answer between two tasks (the
 * soak samples while nothing runs). Workers started by workers are the WASM runtimes' pthreads: idle,
 * they wait in Atomics.wait and may not answer a command that must run on their thread, so they get
 * a short deadline and are listed as silent.
 */
const deadline = (t: Target) => (t.depth >= 2 ? 1_000 : 30_000);

/** Collects garbage everywhere; returns the labels of targets that did not (parked, or gone). */
async function collectGarbage(targets: readonly Target[]): Promise<Set<string>> {
  const failed = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const results = await Promise.allSettled(targets.map((t) => t.channel.send('HeapProfiler.collectGarbage', {}, deadline(t))));
    results.forEach((r, i) => r.status === 'rejected' && failed.add(labelOf(targets[i] as Target)));
    await new Promise((r) => setTimeout(r, 150));
  }
  return failed;
}

interface UaResult {
  bytes: number;
  breakdown: { bytes: number; attribution: { scope?: string; url?: string }[] }[];
}

/** The browser's attribution of the page's and workers' memory, grouped by scope and URL. */
async function uaMemory(page: Page): Promise<{ bytes: number | null; breakdown: UaMemoryEntry[] }> {
  const result = await page.evaluate(async () => {
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<UaResult> };
    if (!self.crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return null;
    return perf.measureUserAgentSpecificMemory();
  });
  if (!result) return { bytes: null, breakdown: [] };
  const grouped = new Map<string, UaMemoryEntry>();
  for (const entry of result.breakdown) {
    const a = entry.attribution[0];
    const scope = a?.scope ?? 'shared';
    // A pthread's blob: URL is a random id: name it as such. Note that a shared WebAssembly memory is
    // attributed to every worker that uses it, so these entries can count one memory several times.
    const url = a?.url?.startsWith('blob:') ? 'blob: thread' : a?.url ? scriptName(a.url) : '';
    const key = `${scope} ${url}`;
    const seen = grouped.get(key) ?? { scope, url, bytes: 0 };
    seen.bytes += entry.bytes;
    grouped.set(key, seen);
  }
  return { bytes: result.bytes, breakdown: [...grouped.values()].sort((x, y) => y.bytes - x.bytes) };
}

export interface ProcessRss {
  pid: number;
  rssBytes: number;
}

/** VmRSS of every renderer process Chromium reports (the tab's, its service worker's, a spare), largest first; null without /proc. */
export async function rendererRss(browser: Browser): Promise<ProcessRss[] | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await cdp.detach();
    const out: ProcessRss[] = [];
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1];
      if (kb) out.push({ pid: p.id, rssBytes: Number(kb) * 1024 });
    }
    return out.sort((a, b) => b.rssBytes - a.rssBytes);
  } catch {
    return null;
  }
}

export interface SampleContext {
  browser: Browser;
  page: Page;
  tree: TargetTree;
  startedAt: number;
}

/**
 * `withUa`: also ask the browser's own measurement. It answers only after about a minute here
 * (checked: with or without ForceEagerMeasureMemory, before or after a forced GC), so the soak asks it
 * at the key samples only; the per-target heaps come from CDP at every sample.
 */
export async function sampleMemory(ctx: SampleContext, label: string, questions: number, documents: number, withUa: boolean): Promise<MemorySample> {
  const targets = ctx.tree.targets();
  const steps: Record<string, number> = {};
  let t = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - t);
    t = now;
  };
  // Asked first: the browser measures at a garbage collection of its choosing, and may use ours.
  const ua = withUa ? uaMemory(ctx.page) : Promise.resolve({ bytes: null, breakdown: [] });
  const notCollected = await collectGarbage(targets);
  step('gc');
  const usage = await Promise.all(targets.map((t) => t.channel.send('Runtime.getHeapUsage', {}, deadline(t)).then((u): HeapUsage | null => u, () => null)));
  const silent: string[] = [];
  const byLabel = new Map<string, TargetMemory>();
  let tabHeapBytes = 0;
  let tabBuffersBytes = 0;
  targets.forEach((t, i) => {
    const u = usage[i];
    if (!u) {
      silent.push(labelOf(t));
      return;
    }
    const heap = u.usedSize + u.embedderHeapUsedSize;
    const label = labelOf(t);
    const seen = byLabel.get(label) ?? { label, count: 0, heapBytes: 0, buffersBytes: 0 };
    seen.count += 1;
    seen.heapBytes += heap;
    seen.buffersBytes += u.backingStorageSize;
    byLabel.set(label, seen);
    if (inTab(t)) {
      tabHeapBytes += heap;
      tabBuffersBytes += u.backingStorageSize;
    }
  });
  step('heap');
  const { bytes: uaBytes, breakdown: uaBreakdown } = await ua;
  step('ua');
  const dom = await ctx.tree.page().channel.send('Memory.getDOMCounters', {});
  const rss = await rendererRss(ctx.browser);
  step('dom+rss');
  return {
    label,
    questions,
    documents,
    elapsedSeconds: (performance.now() - ctx.startedAt) / 1000,
    tabHeapBytes,
    tabBuffersBytes,
    targets: [...byLabel.values()],
    silent,
    notCollected: [...notCollected],
    uaBytes,
    uaBreakdown,
    dom,
    rendererRssBytes: rss ? rss.reduce((a, p) => a + p.rssBytes, 0) : null,
    renderers: rss ?? [],
    tabMappings: rss?.[0] ? largestMappings(rss[0].pid, 40) : [],
    stepMs: steps,
    load1: loadavg()[0] ?? 0,
  };
}
