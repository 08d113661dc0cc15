import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/support/chromium';
import { assertE2eBuild } from './e2e/support/e2e-build';

/**
 * End-to-end tests drive the built PWA (vite preview) in headless Chromium, with models served by a
 * local mirror (scripts/serve-mirror.ts) exactly as an organization would self-host them.
 * Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own browser.
 */
/** HEARTH_APP_PORT lets a second checkout run its own suite beside this one (the mirror is shared). */
const APP_PORT = Number(process.env.HEARTH_APP_PORT ?? 4173);
const MIRROR_PORT = 4180;
const systemChromium = chromiumPath();
assertE2eBuild();

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: the embedder and the LLM are CPU-bound, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${APP_PORT} --strictPort`,
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx scripts/serve-mirror.ts --root .models/mirror --port ${MIRROR_PORT} --root e2e/fixtures/mirror --mount /catalogs=e2e/fixtures/catalogs`,
      url: `http://127.0.0.1:${MIRROR_PORT}/catalogs/test.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
