/**
 * The end-to-end tests drive a build whose Content-Security-Policy lets the app reach the local
 * test mirrors (port 4180 and the ones specs start on free ports). Playwright checks this before it
 * starts, so a plain production build fails at once with the command to run, not as dozens of
 * "catalog could not be loaded" failures.
 */
import { existsSync, readFileSync } from 'node:fs';

export const E2E_CONNECT_SRC = 'http://127.0.0.1:*';

export function assertE2eBuild(headersFile = 'dist/_headers'): void {
  const fix = `Build for the tests with: HEARTH_CONNECT_SRC="${E2E_CONNECT_SRC}" npx vite build (npm run build:e2e).`;
  if (!existsSync(headersFile)) throw new Error(`${headersFile} is missing: dist/ is not a build of this version. ${fix}`);
  const policy = /Content-Security-Policy:\s*(.+)/u.exec(readFileSync(headersFile, 'utf8'))?.[1] ?? '';
  const connect = /connect-src ([^;]+)/u.exec(policy)?.[1]?.split(/\s+/u) ?? [];
  if (!connect.includes(E2E_CONNECT_SRC)) throw new Error(`dist/ was built without the test mirrors in its Content-Security-Policy (connect-src ${connect.join(' ')}). ${fix}`);
}
