/** Headless Chromium as this project's machines need it (see ../shared/PLATFORM.md); shared by the e2e tests and the benchmarks. */
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium opens many connections that a closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/** $CHROMIUM_PATH, else Debian's chromium, else undefined (Playwright's own browser). */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
