/**
 * Hearth under its own Content-Security-Policy: injected script does not run, eval is refused, no
 * other origin can frame the app, the security headers are sent, no source maps are shipped, and
 * the whole app (WASM embedder, workers, service worker, PDF parsing and page drawing, the local
 * model's answer) works with no violation reported by the app itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { pdfWithPages } from './fixtures/files';
import { VOLCANOES } from './fixtures/documents';
import { addFile, addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, MIRROR, openReady, openSettings } from './support/app';
import { CspWatch } from './support/csp-watch';
import { useShortAnswers, waitForSlowAnswer } from './support/short-answers';

const APP = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;

test('every response carries the security headers, and index.html the policy as a meta', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/u);
  expect(csp).toMatch(/connect-src 'self' [^;]*https:\/\/huggingface\.co/u);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  // A worker's script brings its own policy (a <meta> covers only the page), and so does the service worker.
  for (const path of ['/sw.js', '/manifest.webmanifest']) {
    const other = await page.request.get(path);
    expect(other.headers()['content-security-policy'], path).toBe(csp);
    expect(other.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("default-src 'none'");
  expect(meta, 'a meta policy cannot carry frame-ancestors').not.toContain('frame-ancestors');
});

test('no source maps are built or served', async ({ page }) => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('dist');
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  const scripts = files.filter((f) => /\.(m?js|css|html)$/u.test(f));
  expect(scripts.length).toBeGreaterThan(10);
  expect(scripts.filter((f) => readFileSync(f, 'utf8').includes('sourceMappingURL='))).toEqual([]);
  const main = /src="(\/assets\/index-[^"]+\.js)"/u.exec(readFileSync('dist/index.html', 'utf8'))![1]!;
  expect((await page.request.get(`${main}.map`)).status()).toBe(404);
});

test('injected inline script and handlers do not run, and eval is refused in the page and its workers', async ({ page }) => {
  await openReady(page);
  const ran = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.handlerRan = true;');
    const failed = new Promise((resolve) => img.addEventListener('error', resolve));
    img.src = '/no-such-image.png';
    document.body.append(img);
    const div = document.createElement('div');
    div.innerHTML = '<img src="/missing.png" onerror="window.innerHtmlRan = true">';
    document.body.append(div);
    await failed;
    await new Promise((r) => setTimeout(r, 300));
    let evalResult = 'ran';
    try {
      (0, eval)('1 + 1');
    } catch (error) {
      evalResult = (error as Error).name;
    }
    let functionResult = 'ran';
    try {
      new Function('return 1')();
    } catch (error) {
      functionResult = (error as Error).name;
    }
    return { injected: w.injectedRan ?? false, handler: w.handlerRan ?? false, innerHtml: w.innerHtmlRan ?? false, evalResult, functionResult };
  });
  expect(ran).toEqual({ injected: false, handler: false, innerHtml: false, evalResult: 'EvalError', functionResult: 'EvalError' });

  // A worker brings the policy its script was served with (a blob: worker inherits the page's):
  // a probe script, served with this server's real headers, tries eval in each kind.
  const probe = `let r = 'ran'; try { (0, eval)('1 + 1'); } catch (e) { r = e.name; } postMessage(r);`;
  await page.context().route(`${APP}/csp-probe.js`, async (route) => {
    const real = await route.fetch({ url: `${APP}/sw.js` });
    await route.fulfill({ response: real, body: probe, contentType: 'text/javascript' });
  });
  const inWorkers = await page.evaluate(async (code) => {
    const answer = (worker: Worker) => new Promise<string>((resolve) => {
      worker.onmessage = (e) => resolve(String(e.data));
      worker.onerror = (e) => resolve(`error: ${e.message}`);
    });
    const blob = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    return { served: await answer(new Worker('/csp-probe.js', { type: 'module' })), blob: await answer(new Worker(blob, { type: 'module' })) };
  }, probe);
  expect(inWorkers).toEqual({ served: 'EvalError', blob: 'EvalError' });
});

test('another origin on the same site cannot frame the app', async ({ page, context }) => {
  const framer = `${MIRROR}/framer.html`;
  await context.route(framer, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><iframe id="app" src="${APP}/" width="800" height="600"></iframe>` }));
  await page.goto(framer);
  // The browser refuses to show the app in the frame and puts its own error page there.
  await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toMatch(/^chrome-error:/u);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(await frame!.locator('button', { hasText: 'Delete' }).count()).toBe(0);
  expect(await frame!.locator('#app').count()).toBe(0);
});

test('the app works under the policy with no violation of its own', async ({ page }) => {
  test.setTimeout(600_000);
  const watch = new CspWatch(page);
  await watch.start();
  await openReady(page);
  await useShortAnswers(page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expectLibraryReady(page);
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the service worker controls the page').toBe(true);

  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFile(page, 'harbour.pdf', await pdfWithPages(['Tides\nThe spring tide rises four metres above the low water mark.', 'Storms\nThe storm signal is a red flag above the lighthouse.']), 'application/pdf');
  await expect(documentItem(page, 'harbour.pdf')).toContainText('2 pages', { timeout: 90_000 });
  expect(watch.violations, 'no violation while adding documents').toEqual([]);

  // The embedder found the passage, and the local model (llama.cpp in WASM, in a blob: worker) answered.
  await ask(page, 'How high does the spring tide rise?');
  await waitForSlowAnswer(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.answer')).not.toBeEmpty();
  const chip = lastAnswer(page).locator('.source-chips .chip', { hasText: 'harbour.pdf' }).first();
  await chip.click();
  await expect(page.getByRole('complementary', { name: 'Cited passage' }).locator('.page-frame canvas')).toBeVisible({ timeout: 30_000 });
  expect(page.workers().length).toBeGreaterThan(1);

  expect(watch.violations).toEqual([]);
  expect(await watch.events()).toEqual([]);
});

test('an address this installation does not allow is named in Settings, not saved', async ({ page }) => {
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByTestId('catalog-url').fill('https://models.example.org/models.json');
  await page.getByRole('button', { name: 'Save and restart' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('alert')).toContainText('https://models.example.org is not one of them');
  expect(await page.evaluate(() => localStorage.getItem('hearth.settings') ?? '')).not.toContain('models.example.org');
});
