/**
 * App start-up of the production build: navigation → "Add documents" enabled (the embedder loaded),
 * in a new browser context (cold: nothing cached) and again once the service worker and the caches
 * are populated (warm). The app is pointed at a catalog whose embedder is the MiniLM twin, the
 * app's real default, served by the project's own mirror server.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { Catalog, ModelRecord } from '../../src/lib/catalog/types';
import { freePort } from '../browser/dev-server';
import { runToEnd, start, waitForUrl, type Running } from '../browser/processes';
import { figure } from '../figure';
import { median } from '../stats';
import type { Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, requireMirrorFiles } from './models';

const NAME = 'app-start';
const EMBEDDER_ID = 'all-MiniLM-L6-v2';
const LLM_ID = 'SmolLM2-135M-Instruct-Q8_0-GGUF';

/** The built-in catalog cut down to the default embedder and WASM LLM, with the mirror as model host. */
function benchCatalog(root: string, mirror: string): Catalog {
  const builtIn = JSON.parse(readFileSync(join(root, 'models.json'), 'utf8')) as Catalog;
  const models = builtIn.models.filter((m: ModelRecord) => m.id === EMBEDDER_ID || m.id === LLM_ID);
  if (models.length !== 2) throw new Error(`models.json lacks ${EMBEDDER_ID} or ${LLM_ID}`);
  return { ...builtIn, modelBaseUrl: `${mirror}/`, libBaseUrl: `${mirror}/libs/`, defaults: { llm: LLM_ID, llmWasm: LLM_ID, embedder: EMBEDDER_ID }, models };
}

/** Runs before the app: sets the catalog, and records performance.now() when "Add documents" is enabled. */
function initScript(catalogUrl: string): string {
  const settings = JSON.stringify({ catalogUrl, modelBaseUrl: null, llmId: null, topK: 4 });
  return `
    localStorage.setItem('hearth.settings', ${JSON.stringify(settings)});
    const ready = () => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Add documents' && !b.disabled);
    const observer = new MutationObserver(() => {
      if (ready()) { window.__hearthReadyAt = performance.now(); observer.disconnect(); }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  `;
}

async function timeToReady(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as { __hearthReadyAt?: number }).__hearthReadyAt, null, { timeout: 180_000, polling: 100 });
  return (await handle.jsonValue()) as number;
}

export const appStartSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'built app: navigation → "Add documents" enabled, cold (new context) vs warm (service worker + caches)',
  async run(ctx) {
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin (the app\'s default embedder)');
    const runs = ctx.quick ? 1 : 5;
    const work = join(tmpdir(), `hearth-bench-app-${process.pid}`);
    const outDir = join(work, 'dist');
    mkdirSync(join(work, 'catalogs'), { recursive: true });
    const node = process.execPath;
    const vite = join(ctx.root, 'node_modules', 'vite', 'bin', 'vite.js');
    const servers: Running[] = [];
    const env = await ctx.browser();
    const contexts: BrowserContext[] = [];
    try {
      const t0 = performance.now();
      await runToEnd(node, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], ctx.root);
      const buildSeconds = (performance.now() - t0) / 1000;
      ctx.log(`  built the app in ${buildSeconds.toFixed(1)} s`);

      const [appPort, mirrorPort] = [await freePort(), await freePort()];
      const mirror = `http://127.0.0.1:${mirrorPort}`;
      writeFileSync(join(work, 'catalogs', 'bench.json'), JSON.stringify(benchCatalog(ctx.root, mirror), null, 2));
      const mirrorProc = start(node, ['--import', 'tsx', 'scripts/serve-mirror.ts', '--root', '.models/mirror', '--port', String(mirrorPort), '--mount', `/catalogs=${join(work, 'catalogs')}`], ctx.root);
      servers.push(mirrorProc);
      const preview = start(node, [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(appPort), '--strictPort'], ctx.root);
      servers.push(preview);
      const appUrl = `http://127.0.0.1:${appPort}/`;
      const catalogUrl = `${mirror}/catalogs/bench.json`;
      await waitForUrl(catalogUrl, mirrorProc);
      await waitForUrl(appUrl, preview);

      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await env.browser.newContext();
        contexts.push(context);
        await context.addInitScript(initScript(catalogUrl));
        cold.push(await timeToReady(await context.newPage(), appUrl));
        await context.close();
      }

      // Warm: one context; the first visit installs the service worker and fills the caches.
      const context = await env.browser.newContext();
      contexts.push(context);
      await context.addInitScript(initScript(catalogUrl));
      const first = await context.newPage();
      await timeToReady(first, appUrl);
      await first.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.state;
      });
      await first.close();
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await context.newPage();
        warm.push(await timeToReady(page, appUrl));
        const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
        if (!controlled) throw new Error('Warm start was not served by the service worker');
        await page.close();
      }
      ctx.log(`  cold ${(median(cold) / 1000).toFixed(2)} s, warm ${(median(warm) / 1000).toFixed(2)} s`);
      return {
        figures: [
          figure(NAME, { name: 'time to interactive, cold (new context, nothing cached)', unit: 's', samples: cold.map((x) => x / 1000), better: 'lower' }),
          figure(NAME, {
            name: 'time to interactive, warm (service worker + caches)',
            unit: 's',
            samples: warm.map((x) => x / 1000),
            better: 'lower',
            baseline: { name: 'cold', value: median(cold) / 1000, kind: 'measured' },
          }),
        ],
        notes: [
          `"interactive" = navigation start → the "Add documents" button enabled (catalog loaded, MiniLM twin q8 embedder ready in the retrieval worker); production build (vite build, ${buildSeconds.toFixed(0)} s) served by vite preview, models by scripts/serve-mirror.ts on localhost`,
        ],
      };
    } finally {
      for (const c of contexts) await c.close().catch(() => undefined);
      for (const s of servers.reverse()) await s.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
