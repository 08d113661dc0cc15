/**
 * The JavaScript and CSS of the first screen: of the responses a cold load received, those
 * requested before the question box was usable, split into what the page itself loaded and what its
 * workers loaded, without the WASM runtimes (and their loaders) and the models.
 */

export interface LoadedResponse {
  url: string;
  /** Epoch ms the request started. */
  startedAt: number;
  contentType: string;
  /** Body bytes as received, and gzipped (zlib level 6, what a typical server sends). */
  bytes: number;
  gzipBytes: number;
  /** Requested by the service worker (its precache), not by the page or its workers. */
  fromServiceWorker: boolean;
}

export type Kind = 'js' | 'css' | 'runtime' | 'model' | 'other';

export interface Chunk {
  url: string;
  kind: Kind;
  by: 'page' | 'worker';
  bytes: number;
  gzipBytes: number;
}

export interface FirstScreen {
  /** Page JS + CSS, gzip bytes: the headline (the main thread waits for these). */
  pageGzip: number;
  pageJsGzip: number;
  pageCssGzip: number;
  /** JS that workers loaded before the question box was usable (off the main thread), gzip bytes. */
  workerJsGzip: number;
  /** Left out on purpose: WASM runtimes and their loaders, models. */
  excludedBytes: number;
  chunks: Chunk[];
}

/** What a response is: runtime files are `.wasm` and ONNX Runtime's `ort-wasm*.mjs` loader; models come from another origin. */
export function kindOf(url: string, contentType: string, appOrigin: string): Kind {
  const u = new URL(url);
  const name = u.pathname.split('/').pop() ?? '';
  if (u.origin !== appOrigin) return /\.(wasm)$/u.test(name) ? 'runtime' : 'model';
  if (/\.wasm$/u.test(name) || /wasm/u.test(contentType) || /^ort-wasm.*\.mjs$/u.test(name)) return 'runtime';
  if (/\.m?js$/u.test(name) || /javascript/u.test(contentType)) return 'js';
  if (/\.css$/u.test(name) || /text\/css/u.test(contentType)) return 'css';
  return 'other';
}

export function summarizeFirstScreen(responses: readonly LoadedResponse[], readyEpoch: number, pageUrls: readonly string[], appOrigin: string): FirstScreen {
  const byPage = new Set(pageUrls);
  const chunks: Chunk[] = [];
  let excludedBytes = 0;
  for (const r of responses) {
    if (r.fromServiceWorker || r.startedAt > readyEpoch) continue;
    const kind = kindOf(r.url, r.contentType, appOrigin);
    if (kind === 'runtime' || kind === 'model') {
      excludedBytes += r.bytes;
      continue;
    }
    chunks.push({ url: r.url, kind, by: byPage.has(r.url) ? 'page' : 'worker', bytes: r.bytes, gzipBytes: r.gzipBytes });
  }
  chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (f: (c: Chunk) => boolean) => chunks.filter(f).reduce((s, c) => s + c.gzipBytes, 0);
  const pageJsGzip = sum((c) => c.by === 'page' && c.kind === 'js');
  const pageCssGzip = sum((c) => c.by === 'page' && c.kind === 'css');
  return {
    pageGzip: pageJsGzip + pageCssGzip,
    pageJsGzip,
    pageCssGzip,
    workerJsGzip: sum((c) => c.by === 'worker' && c.kind === 'js'),
    excludedBytes,
    chunks,
  };
}
