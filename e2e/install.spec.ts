import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';

// Installability is only reported for a persistent profile (an ordinary context counts as incognito).
test('the app is installable: manifest, icons and a service worker that controls the page', async ({}, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), 'hearth-profile-'));
  const { launchOptions } = testInfo.project.use as { launchOptions?: Parameters<typeof chromium.launchPersistentContext>[1] };
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(`${testInfo.project.use.baseURL}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toContain('manifest.webmanifest');

    // The browser offers the install (beforeinstallprompt): Hearth shows its Install button. (Hidden in
    // display-mode standalone: headless Chromium cannot emulate that display mode, so it is not tested here.)
    await expect(page.getByRole('button', { name: 'Install' })).toBeVisible();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
