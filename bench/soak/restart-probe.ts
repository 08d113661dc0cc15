/**
 * How long a restarted CPU engine's old WebAssembly memory stays resident. Serves a bare page whose
 * worker restarts llama.cpp (restart-probe/host.js) and samples the tab process's mappings
 * (/proc/<pid>/smaps) every 100 ms: a WebAssembly memory is one anonymous mapping of 128 MiB and up.
 *
 *   npx tsx bench/soak/restart-probe.ts [--restarts 8] [--port 4322] [--gc]
 *
 * --gc: before every sample, collect garbage in the page and every worker over DevTools, as the
 * soak's samples do. Prints, per restart, how long two or more memories were resident.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../browser/launch';
import { TargetTree } from './cdp-targets';
import { largestMappings } from './mappings';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { restarts: { type: 'string', default: '8' }, port: { type: 'string', default: '4322' }, gc: { type: 'boolean', default: false } } });
const restarts = Number(values.restarts);
const port = Number(values.port);

const FILES: Record<string, string> = {
  '/': resolve(import.meta.dirname, 'restart-probe', 'index.html'),
  '/host.js': resolve(import.meta.dirname, 'restart-probe', 'host.js'),
  '/model.gguf': resolve(root, '.models/mirror/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf'),
};
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function pathFor(url: string): string | null {
  if (FILES[url]) return FILES[url] as string;
  if (url.startsWith('/wllama/') && !url.includes('..')) return resolve(root, 'node_modules/@wllama/wllama/esm', url.slice('/wllama/'.length));
  return null;
}

const server = createServer((req, res) => {
  const path = pathFor((req.url ?? '/').split('?')[0] as string);
  if (!path || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  // Cross-origin isolated, as the app is: llama.cpp gets its threads and a shared memory.
  res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  res.end(readFileSync(path));
});

async function main(): Promise<void> {
  if (!existsSync(FILES['/model.gguf'] as string)) throw new Error('stories260K.gguf is missing under .models/mirror: run `npm run models` first');
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const tree = values.gc ? await TargetTree.attach(await page.context().newCDPSession(page)) : null;
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    const memories = () => {
      // The tab's renderer is the one with WebAssembly memories (the others have none).
      const counts = renderers.map((pid) => largestMappings(pid, 60).filter((m) => !m.file && m.sizeBytes >= 127 * 2 ** 20 && m.sizeBytes <= 4200 * 2 ** 20 && m.rssBytes > 2 ** 20).length);
      return Math.max(0, ...counts);
    };
    let running = true;
    let samples: { at: number; n: number }[] = [];
    const sampler = (async () => {
      while (running) {
        if (tree) await Promise.allSettled(tree.targets().map((t) => t.channel.send('HeapProfiler.collectGarbage', {}, 1000)));
        samples.push({ at: Date.now(), n: memories() });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    for (let i = 1; i <= restarts + 1; i++) {
      const t0 = Date.now();
      const out = (await page.evaluate(() => (window as unknown as { restart(): Promise<{ exitedAt: number; ms: number; text: string }> }).restart())) as { ms: number; text: string };
      // Let the old memory go, then count how long two were resident.
      while ((samples.at(-1)?.n ?? 0) > 1 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 100));
      const first = samples.find((s) => s.n > 1);
      const gone = first ? samples.find((s) => s.at > first.at && s.n <= 1) : undefined;
      const most = Math.max(0, ...samples.map((s) => s.n));
      const overlap = first ? `${(gone ?? samples.at(-1)!).at - first.at} ms (${samples.length} samples, at most ${most} at once)` : `never seen (${samples.length} samples)`;
      console.log(i === 1 ? `first load ${out.ms.toFixed(0)} ms, answer "${out.text.trim()}"` : `restart ${i - 1}: ${out.ms.toFixed(0)} ms; two memories resident for ${overlap}`);
      samples = [];
    }
    running = false;
    await sampler;
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
