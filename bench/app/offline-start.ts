/**
 * Warm offline start: one visit installs the service worker and fills its precache; then, with the
 * network cut, the app is opened again and again, each time timing navigation start → the question
 * box usable.
 */
import type { Browser, Page } from '@playwright/test';
import { QUESTION_PROBE, type ProbeResult } from './probe';

/** Pause between starts, so one start does not measure the previous page's teardown (see suites/app-start.ts). */
const SETTLE_MS = 3000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function readyAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => window.__hearthQuestionReady, null, { timeout: 60_000, polling: 50 });
  return ((await handle.jsonValue()) as ProbeResult).readyAt;
}

export interface OfflineStarts {
  /** ms from navigation start to the question box usable, one per start. */
  samples: number[];
  settleMs: number;
  /** What the browser's caches held once the service worker was active. */
  cached: { caches: number; entries: number; bytes: number };
}

export async function measureOfflineStarts(browser: Browser, appUrl: string, initScript: string, runs: number): Promise<OfflineStarts> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(`${initScript}\n${QUESTION_PROBE}`);
    const first = await context.newPage();
    await first.goto(appUrl);
    await readyAt(first);
    // Active means installed, and installing means the whole precache was downloaded.
    await first.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (reg.active?.state !== 'activated') await new Promise((resolve) => reg.active?.addEventListener('statechange', resolve));
    });
    const cached = await first.evaluate(async () => {
      let [entries, bytes] = [0, 0];
      const names = await caches.keys();
      for (const name of names) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          entries += 1;
          bytes += response ? (await response.blob()).size : 0;
        }
      }
      return { caches: names.length, entries, bytes };
    });
    await first.close();
    await context.setOffline(true);
    await settle();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.goto(appUrl);
      samples.push(await readyAt(page));
      const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
      if (!controlled) throw new Error('An offline start was not served by the service worker');
      await page.close();
      await settle();
    }
    return { samples, settleMs: SETTLE_MS, cached };
  } finally {
    await context.close();
  }
}
