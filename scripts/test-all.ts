/**
 * The one test command (`npm test`): makes the test models, runs the unit tests (Vitest), builds the
 * app and runs the end-to-end tests (Playwright, headless Chromium), then prints one closing line
 * "N passed, N failed" totalling both. Exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { E2E_CONNECT_SRC } from '../e2e/support/e2e-build';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTestSuites: number; success: boolean };
  // A suite that failed to load has no failed test; count it so it cannot pass silently.
  const broken = r.success || r.numFailedTests > 0 ? 0 : 1;
  return { passed: r.numPassedTests, failed: r.numFailedTests + broken, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };
  const globalErrors = r.errors?.length ? 1 : 0;
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + globalErrors, skipped: r.stats.skipped };
}

mkdirSync('test-results', { recursive: true });
const steps: string[] = [];
if (run('npx', ['tsx', 'scripts/make-models.ts', '--only', 'test']) !== 0) steps.push('making test models');
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
const unit = vitestCounts('test-results/unit.json');

let e2e: Counts = { passed: 0, failed: 0, skipped: 0 };
// The build the end-to-end tests drive lets the app reach the local test mirrors (README, "Hosting Hearth").
if (run('npx', ['vite', 'build'], { ...process.env, HEARTH_CONNECT_SRC: E2E_CONNECT_SRC }) !== 0) {
  steps.push('building the app');
  e2e.failed = 1;
} else {
  run('npx', ['playwright', 'test']);
  e2e = playwrightCounts('test-results/e2e.json');
}

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
const skipped = unit.skipped + e2e.skipped;
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed; end-to-end: ${e2e.passed} passed, ${e2e.failed} failed`);
if (steps.length) console.log(`failed steps: ${steps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || steps.length > 0 ? 1 : 0);
