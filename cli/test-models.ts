/**
 * For tests of the `hearth` command: the project's own model files (made by `npm run models`) in
 * .models/mirror, built on demand when missing, never downloaded.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mirror } from '../scripts/models/mirror';
import { runTarget } from '../scripts/models/run-targets';
import type { Target } from '../scripts/models/target';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** HEARTH_TEST_MIRROR: another mirror folder (built there too when files are missing). */
export const MIRROR_ROOT = resolve(process.env.HEARTH_TEST_MIRROR ?? join(projectRoot, '.models', 'mirror'));
const sharedDir = process.env.HEARTH_SHARED_DIR ?? join(projectRoot, '..', 'shared');

/** Builds a target into the mirror (as `npm run models -- --only <id>` does) when a file of it is missing. */
export async function ensureModelBuilt(target: Target): Promise<void> {
  const paths = target.outputs.map((ref) => join(MIRROR_ROOT, ref.repo, 'resolve', 'main', ref.path));
  if (paths.every((p) => existsSync(p))) return;
  const report = await runTarget(target, { mirror: new Mirror(MIRROR_ROOT), sharedDir: existsSync(sharedDir) ? sharedDir : null, log: () => {} }, false);
  if (report.status === 'skipped' || report.status === 'failed') {
    throw new Error(`${target.repo} is not in ${MIRROR_ROOT} and could not be built (${report.status}: ${report.message ?? report.problems.join('; ')}). ` +
      `Run \`npm run models -- --only ${target.id}\` (HEARTH_SHARED_DIR points at ../shared).`);
  }
}
