/**
 * The install dialog's screenshots (manifest "screenshots"): the built app, served by `vite preview`,
 * with three documents and a quick answer, at 360×800 (narrow) and 1440×900 (wide). Needs a build
 * (`npx vite build`) and the test mirror (`npm run mirror`, port 4180). Run:
 * `npx tsx scripts/make-screenshots.ts`; the PNGs in public/screenshots/ are committed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from '../e2e/fixtures/documents';
import { addFileAndWait, lastAnswer, openReady } from '../e2e/support/app';

const PORT = Number(process.env.SCREENSHOT_PORT ?? 4299);
const OUT = new URL('../public/screenshots/', import.meta.url);
const SHOTS = [
  { name: 'narrow', width: 360, height: 800 },
  { name: 'wide', width: 1440, height: 900 },
] as const;

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the app did not start at ${url}`);
}

async function prepare(page: Page): Promise<void> {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFileAndWait(page, 'beekeeping.md', BEEKEEPING);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await page.getByLabel('Question', { exact: true }).fill('What are shield volcanoes built from?');
  await page.getByRole('button', { name: 'Quick answer' }).click();
  await lastAnswer(page).and(page.locator('[data-status="done"]')).waitFor({ timeout: 60_000 });
  // Service workers are blocked here (a fresh copy of the app each run), which the app reports: not part of the picture.
  const notice = page.locator('[data-code^="OFFLINE_CACHE"]');
  await notice.waitFor({ timeout: 10_000 }).then(() => notice.getByRole('button', { name: 'Dismiss' }).click(), () => undefined);
}

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const executablePath = chromiumPath();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
try {
  const baseURL = `http://127.0.0.1:${PORT}`;
  await waitForServer(`${baseURL}/`);
  mkdirSync(OUT, { recursive: true });
  // Prepared at the wide size (where the library column shows), then shot at each size.
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, serviceWorkers: 'block', colorScheme: 'light' });
  const page = await context.newPage();
  await prepare(page);
  for (const shot of SHOTS) {
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.mouse.move(0, 0);
    await page.locator('article.message').first().evaluate((question) => question.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: new URL(`${shot.name}.png`, OUT).pathname });
    console.log(`${shot.name}.png: ${shot.width}×${shot.height}`);
  }
  await context.close();
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
