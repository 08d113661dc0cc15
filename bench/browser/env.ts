/**
 * What browser suites get: the dev server's origin, Chromium, and `openPage`, which opens a bench
 * page in a fresh context and calls the functions the page exposes (see pages/expose.ts).
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { startDevServer } from './dev-server';
import { launchChromium } from './launch';

// Page APIs are plain functions of structured-clone values; their argument types live in each page.
export type PageApi = Record<string, (...args: any[]) => unknown>;

export interface BenchPage<A extends PageApi> {
  page: Page;
  context: BrowserContext;
  call<K extends keyof A & string>(method: K, ...args: Parameters<A[K]>): Promise<Awaited<ReturnType<A[K]>>>;
  close(): Promise<void>;
}

/** No single page call in any suite should take this long; past it the page is stuck. */
const CALL_TIMEOUT_MS = 5 * 60_000;

export interface BrowserEnv {
  origin: string;
  browser: Browser;
  chromiumVersion: string;
  /** Opens `/bench/pages/<name>.html` in a new context and waits until its API is exposed. */
  openPage<A extends PageApi>(name: string): Promise<BenchPage<A>>;
  close(): Promise<void>;
}

export async function createBrowserEnv(root: string, log: (m: string) => void): Promise<BrowserEnv> {
  const { server, origin } = await startDevServer(root);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  log(`  dev server ${origin}, Chromium ${browser.version()}`);
  return {
    origin,
    browser,
    chromiumVersion: browser.version(),
    openPage: (name) => openPage(browser, origin, name, log),
    close: () => closeAll(browser, server),
  };
}

async function closeAll(browser: Browser, server: ViteDevServer): Promise<void> {
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
}

async function openPage<A extends PageApi>(browser: Browser, origin: string, name: string, log: (m: string) => void): Promise<BenchPage<A>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let errors = 0;
  const report = (text: string) => {
    if (errors++ < 5) log(`  [${name}] ${text}`);
  };
  page.on('pageerror', (e) => report(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') report(`console: ${m.text().slice(0, 300)}`);
  });
  await page.goto(`${origin}/bench/pages/${name}.html`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: 60_000 });
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  if (!isolated) throw new Error(`Bench page ${name} is not cross-origin isolated: WASM threads would be off`);
  return {
    page,
    context,
    call: (method, ...args) => {
      const call = page.evaluate(({ method, args }) => (window as unknown as { __bench: PageApi }).__bench[method]?.(...args), { method, args });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}.${method}() did not finish within ${CALL_TIMEOUT_MS / 60_000} minutes`)), CALL_TIMEOUT_MS);
      });
      return Promise.race([call, timeout]).finally(() => clearTimeout(timer)) as never;
    },
    close: () => context.close(),
  };
}
