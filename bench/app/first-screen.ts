/**
 * A cold load of the built app in a new browser context: every response the page, its workers and
 * the service worker received, with JS and CSS bodies gzipped, until the question box is usable.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from '@playwright/test';
import { summarizeFirstScreen, type FirstScreen, type LoadedResponse } from './first-screen-bytes';
import { QUESTION_PROBE, type ProbeResult } from './probe';

const TEXTUAL = /javascript|css|json|html/u;

async function record(response: Response): Promise<LoadedResponse | null> {
  const request = response.request();
  const contentType = response.headers()['content-type'] ?? '';
  const url = response.url();
  if (!url.startsWith('http')) return null;
  const fromServiceWorker = request.serviceWorker() !== null;
  const textual = TEXTUAL.test(contentType) || /\.(m?js|css)$/u.test(new URL(url).pathname);
  let bytes = Number(response.headers()['content-length'] ?? 0);
  let gzipBytes = 0;
  if (textual && !fromServiceWorker) {
    const body = await response.body().catch(() => null);
    if (body) {
      bytes = body.length;
      gzipBytes = gzipSync(body, { level: 6 }).length;
    }
  }
  // timing().startTime is epoch ms; -1 when unknown (then the response time stands in for it).
  const startedAt = request.timing().startTime > 0 ? request.timing().startTime : Date.now();
  return { url, startedAt, contentType, bytes, gzipBytes, fromServiceWorker };
}

export async function measureFirstScreen(browser: Browser, appUrl: string, initScript: string): Promise<FirstScreen & { readyMs: number }> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(`${initScript}\n${QUESTION_PROBE}`);
    const pending: Promise<LoadedResponse | null>[] = [];
    context.on('response', (r) => pending.push(record(r)));
    const page = await context.newPage();
    await page.goto(appUrl);
    const handle = await page.waitForFunction(() => window.__hearthQuestionReady, null, { timeout: 120_000, polling: 50 });
    const probe = (await handle.jsonValue()) as ProbeResult;
    // Requests started before the box was usable may still be arriving (and Resource Timing lists a request once it is done).
    await page.waitForTimeout(1000);
    // The page's own requests: its Resource Timing (a worker's requests are on the worker's timeline).
    const pageUrls = await page.evaluate(
      (readyAt) => [location.href, ...performance.getEntriesByType('resource').filter((e) => e.startTime <= readyAt).map((e) => e.name)],
      probe.readyAt,
    );
    const responses = (await Promise.all(pending)).filter((r): r is LoadedResponse => r !== null);
    return { ...summarizeFirstScreen(responses, probe.readyEpoch, pageUrls, new URL(appUrl).origin), readyMs: probe.readyAt };
  } finally {
    await context.close();
  }
}
