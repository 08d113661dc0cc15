/**
 * The production build of the app, served by `vite preview`, with models from the project's mirror
 * server and a catalog written for the run: what a user (or an organization's self-hosted setup)
 * gets, for suites that measure through the real UI.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog, ModelRecord } from '../../src/lib/catalog/types';
import { freePort } from './dev-server';
import { runToEnd, start, waitForUrl, type Running } from './processes';

export interface BuiltApp {
  appUrl: string;
  catalogUrl: string;
  buildSeconds: number;
  /** The build folder (removed by stop()). */
  outDir: string;
  /** A script for `context.addInitScript` that points the app at the run's catalog. */
  settingsScript: string;
  stop(): Promise<void>;
}

/** The built-in catalog cut down to the given models, with the mirror as model host. */
export function benchCatalog(root: string, mirror: string, embedderId: string, llmId: string): Catalog {
  const builtIn = JSON.parse(readFileSync(join(root, 'models.json'), 'utf8')) as Catalog;
  const models = builtIn.models.filter((m: ModelRecord) => m.id === embedderId || m.id === llmId);
  if (models.length !== 2) throw new Error(`models.json lacks ${embedderId} or ${llmId}`);
  const llm = models.find((m) => m.id === llmId);
  // Test-only records are hidden from pickers; here the run chose it on purpose.
  if (llm) delete llm.hidden;
  return { ...builtIn, modelBaseUrl: `${mirror}/`, libBaseUrl: `${mirror}/libs/`, defaults: { llm: llmId, llmWasm: llmId, embedder: embedderId }, models };
}

export async function serveBuiltApp(root: string, embedderId: string, llmId: string, log: (m: string) => void): Promise<BuiltApp> {
  const work = join(tmpdir(), `hearth-bench-app-${process.pid}-${Date.now()}`);
  const outDir = join(work, 'dist');
  mkdirSync(join(work, 'catalogs'), { recursive: true });
  const node = process.execPath;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const servers: Running[] = [];
  const stop = async () => {
    for (const s of servers.reverse()) await s.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    await runToEnd(node, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], root);
    const buildSeconds = (performance.now() - t0) / 1000;
    log(`  built the app in ${buildSeconds.toFixed(1)} s`);
    const [appPort, mirrorPort] = [await freePort(), await freePort()];
    const mirror = `http://127.0.0.1:${mirrorPort}`;
    writeFileSync(join(work, 'catalogs', 'bench.json'), JSON.stringify(benchCatalog(root, mirror, embedderId, llmId), null, 2));
    const mirrorProc = start(node, ['--import', 'tsx', 'scripts/serve-mirror.ts', '--root', '.models/mirror', '--port', String(mirrorPort), '--mount', `/catalogs=${join(work, 'catalogs')}`], root);
    servers.push(mirrorProc);
    const preview = start(node, [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(appPort), '--strictPort'], root);
    servers.push(preview);
    const appUrl = `http://127.0.0.1:${appPort}/`;
    const catalogUrl = `${mirror}/catalogs/bench.json`;
    await waitForUrl(catalogUrl, mirrorProc);
    await waitForUrl(appUrl, preview);
    const settings = JSON.stringify({ catalogUrl, modelBaseUrl: null, llmId: null, topK: 4, rerank: 'off' });
    const settingsScript = `localStorage.setItem('hearth.settings', ${JSON.stringify(settings)});`;
    return { appUrl, catalogUrl, buildSeconds, outDir, settingsScript, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
