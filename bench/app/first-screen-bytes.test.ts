import { describe, expect, it } from 'vitest';
import { kindOf, summarizeFirstScreen, type LoadedResponse } from './first-screen-bytes';

const APP = 'http://127.0.0.1:4217';

describe('kindOf', () => {
  it('tells JS, CSS, runtimes (WASM and the ORT loader) and models apart', () => {
    expect(kindOf(`${APP}/assets/index-X.js`, 'text/javascript', APP)).toBe('js');
    expect(kindOf(`${APP}/assets/index-X.css`, 'text/css', APP)).toBe('css');
    expect(kindOf(`${APP}/assets/ort-wasm-simd-threaded.asyncify-X.mjs`, 'text/javascript', APP)).toBe('runtime');
    expect(kindOf(`${APP}/assets/wllama-X.wasm`, 'application/wasm', APP)).toBe('runtime');
    expect(kindOf('http://127.0.0.1:9/Xenova/m/resolve/main/onnx/model.onnx', 'application/octet-stream', APP)).toBe('model');
    expect(kindOf(`${APP}/`, 'text/html', APP)).toBe('other');
  });
});

describe('summarizeFirstScreen', () => {
  const r = (url: string, startedAt: number, gzipBytes: number, extra: Partial<LoadedResponse> = {}): LoadedResponse => ({
    url: `${APP}${url}`,
    startedAt,
    contentType: url.endsWith('.css') ? 'text/css' : 'text/javascript',
    bytes: gzipBytes * 3,
    gzipBytes,
    fromServiceWorker: false,
    ...extra,
  });

  it('sums the page JS and CSS requested before the box was usable; workers apart; runtimes, late and precache requests left out', () => {
    const responses = [
      r('/assets/index.js', 100, 120_000),
      r('/assets/index.css', 100, 4_000),
      r('/assets/retrieval.worker.js', 200, 190_000),
      r('/assets/ort-wasm-x.wasm', 300, 0, { bytes: 26_000_000, contentType: 'application/wasm' }),
      r('/assets/dialog.js', 2000, 9_000),
      r('/assets/pdf.js', 150, 50_000, { fromServiceWorker: true }),
    ];
    const pageUrls = [`${APP}/assets/index.js`, `${APP}/assets/index.css`, `${APP}/assets/dialog.js`];
    const s = summarizeFirstScreen(responses, 1000, pageUrls, APP);
    expect(s.pageJsGzip).toBe(120_000);
    expect(s.pageCssGzip).toBe(4_000);
    expect(s.pageGzip).toBe(124_000);
    expect(s.workerJsGzip).toBe(190_000);
    expect(s.excludedBytes).toBe(26_000_000);
    expect(s.chunks.map((c) => [c.url.slice(APP.length), c.by])).toEqual([
      ['/assets/retrieval.worker.js', 'worker'],
      ['/assets/index.js', 'page'],
      ['/assets/index.css', 'page'],
    ]);
  });
});
