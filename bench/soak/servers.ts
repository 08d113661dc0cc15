/**
 * What the soak serves: a production build of the app under `vite preview` (what users get), and the
 * model mirror with the test catalog. The mirror is shared by everyone on the machine: one that
 * already answers is reused and left running; one started here is stopped here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIRROR, TEST_CATALOG } from '../../e2e/support/app';
import { runToEnd, start, waitForUrl, type Running } from '../browser/processes';

export interface Served {
  appUrl: string;
  catalogUrl: string;
  buildSeconds: number;
  /** Whether the mirror was already running (and so is left running). */
  mirrorReused: boolean;
  stop(): Promise<void>;
}

/** The test catalog's models, as the mirror serves them (made by `npm run models`). */
const MIRROR_FILES = [
  'hearth-test/tiny-bert-embedder/resolve/main/onnx/model.onnx',
  'hearth-test/tiny-bert-embedder/resolve/main/tokenizer.json',
  'ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
];

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function startMirror(root: string): Promise<Running> {
  const missing = MIRROR_FILES.filter((f) => !existsSync(join(root, '.models', 'mirror', f)));
  if (missing.length) throw new Error(`The model mirror lacks ${missing.join(', ')} under .models/mirror: run \`npm run models\` first`);
  const port = new URL(MIRROR).port;
  const mirror = start(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve-mirror.ts', '--root', '.models/mirror', '--root', 'e2e/fixtures/mirror', '--port', port, '--mount', '/catalogs=e2e/fixtures/catalogs'],
    root,
  );
  await waitForUrl(TEST_CATALOG, mirror, 30_000);
  return mirror;
}

export async function serve(root: string, port: number, log: (m: string) => void): Promise<Served> {
  if (await answers(`http://127.0.0.1:${port}/`)) throw new Error(`Port ${port} is already serving something: stop it or pass --port <another>`);
  const work = mkdtempSync(join(tmpdir(), 'hearth-soak-'));
  const outDir = join(work, 'dist');
  const running: Running[] = [];
  const stop = async () => {
    for (const r of running.reverse()) await r.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const t0 = performance.now();
    // The build's Content-Security-Policy must let the app reach the mirror (as the e2e build does).
    const policy = { HEARTH_CONNECT_SRC: new URL(MIRROR).origin };
    await runToEnd(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], root, policy);
    const buildSeconds = (performance.now() - t0) / 1000;
    log(`built the app in ${buildSeconds.toFixed(1)} s`);
    const mirrorReused = await answers(TEST_CATALOG);
    if (mirrorReused) log(`reusing the model mirror at ${MIRROR}`);
    else running.push(await startMirror(root));
    if (!mirrorReused) log(`started the model mirror at ${MIRROR}`);
    const preview = start(process.execPath, [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], root, policy);
    running.push(preview);
    const appUrl = `http://127.0.0.1:${port}/`;
    await waitForUrl(appUrl, preview);
    log(`serving the build at ${appUrl}`);
    return { appUrl, catalogUrl: TEST_CATALOG, buildSeconds, mirrorReused, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
