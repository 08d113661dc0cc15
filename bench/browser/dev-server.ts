/**
 * The Vite dev server the browser suites load their pages from: cross-origin isolated (COOP/COEP on
 * every response, so WASM gets threads) and the model mirror folder under /mirror/. The ONNX Runtime
 * files come the way the app gets them: `?url` imports (workers/retrieval/ort-paths.ts).
 */
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { staticFiles } from './static-files';

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Sets the isolation headers before any other middleware answers (including /mirror/). */
function isolationAndMirror(root: string): Plugin {
  return {
    name: 'hearth-bench-isolation-and-mirror',
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        for (const [k, v] of Object.entries(ISOLATION)) res.setHeader(k, v);
        next();
      });
      server.middlewares.use(staticFiles('/mirror/', join(root, '.models', 'mirror')));
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function startDevServer(root: string): Promise<{ server: ViteDevServer; origin: string }> {
  const port = await freePort();
  const server = await createServer({
    configFile: false,
    root,
    appType: 'mpa',
    logLevel: 'warn',
    clearScreen: false,
    plugins: [isolationAndMirror(root)],
    worker: { format: 'es' },
    // Pre-bundle everything the pages import at start-up, so no mid-run re-optimization reloads a page.
    optimizeDeps: { entries: ['bench/pages/*.html'] },
    server: { host: '127.0.0.1', port, strictPort: true, headers: ISOLATION, hmr: false, watch: null },
  });
  await server.listen();
  return { server, origin: `http://127.0.0.1:${port}` };
}
