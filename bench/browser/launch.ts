/** Headless Chromium for the benchmarks: the project's flags plus eager memory measurement. */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS as BASE_ARGS, chromiumPath } from '../../e2e/support/chromium';

export { chromiumPath };

export const CHROMIUM_ARGS = [
  ...BASE_ARGS,
  // Resolve performance.measureUserAgentSpecificMemory() at once instead of at the next GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}
