/**
 * Lighthouse (Node API) against the preview server, once with its mobile preset (the default) and
 * once with its desktop preset, each in a fresh headless Chromium. The page gets the run's settings
 * before its own scripts run (through a Puppeteer page Lighthouse drives).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Flags } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { failingAudits, type LighthouseRun, type LhrLike } from './lighthouse-result';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

async function runPreset(preset: 'mobile' | 'desktop', url: string, chromePath: string, chromeFlags: readonly string[], initScript: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...chromeFlags, '--headless=new'], logLevel: 'silent' });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(initScript);
      const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
      const config: Config | undefined = preset === 'desktop' ? desktopConfig : undefined;
      // Lighthouse types its own copy of Puppeteer's Page; it is the same class at run time.
      const result = await lighthouse(url, flags, config, page as unknown as Parameters<typeof lighthouse>[3]);
      if (!result) throw new Error(`Lighthouse (${preset}) returned no result`);
      return failingAudits(preset, result.lhr as unknown as LhrLike);
    } finally {
      await browser.disconnect();
    }
  } finally {
    chrome.kill();
  }
}

/** Lighthouse's own trace failures, for which it says "Please run Lighthouse again" (not the page's fault). */
const RETRY = /\b(NO_NAVSTART|NO_TRACING_STARTED|NO_DCL)\b/u;

async function runPresetRetrying(preset: 'mobile' | 'desktop', url: string, chromePath: string, chromeFlags: readonly string[], initScript: string, log: (m: string) => void): Promise<LighthouseRun> {
  try {
    return await runPreset(preset, url, chromePath, chromeFlags, initScript);
  } catch (error) {
    if (!(error instanceof Error) || !RETRY.test(error.message)) throw error;
    log(`  lighthouse ${preset}: ${RETRY.exec(error.message)?.[1]} (its trace failed), running it once more`);
    return runPreset(preset, url, chromePath, chromeFlags, initScript);
  }
}

export async function runLighthouse(url: string, chromePath: string, chromeFlags: readonly string[], initScript: string, log: (m: string) => void): Promise<LighthouseRun[]> {
  const runs: LighthouseRun[] = [];
  for (const preset of ['mobile', 'desktop'] as const) {
    const run = await runPresetRetrying(preset, url, chromePath, chromeFlags, initScript, log);
    log(`  lighthouse ${preset}: ${Object.entries(run.scores).map(([k, v]) => `${k} ${v ?? '–'}`).join(', ')}`);
    runs.push(run);
  }
  return runs;
}
