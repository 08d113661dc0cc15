import { describe, expect, it } from 'vitest';
import { buildPath, duplicatedChunks, groupOf, groupPrecache, parsePrecacheManifest } from './precache';

describe('parsePrecacheManifest', () => {
  it('reads generateSW output (unquoted keys, null revisions)', () => {
    const sw = 'define(["./workbox-1"],function(a){a.precacheAndRoute([{url:"index.html",revision:"abc"},{url:"assets/index-AbCdEfGh.js",revision:null}],{})});';
    expect(parsePrecacheManifest(sw)).toEqual([
      { url: 'index.html', revision: 'abc' },
      { url: 'assets/index-AbCdEfGh.js', revision: null },
    ]);
  });

  it('reads injectManifest output (JSON, revision first) and drops repeats', () => {
    const sw = 'precacheAndRoute([{"revision":"r1","url":"a.js"},{"revision":null,"url":"b.wasm"},{"revision":"r1","url":"a.js"}]);';
    expect(parsePrecacheManifest(sw)).toEqual([
      { url: 'a.js', revision: 'r1' },
      { url: 'b.wasm', revision: null },
    ]);
  });

  it('finds nothing in a script without a manifest', () => {
    expect(parsePrecacheManifest('self.addEventListener("fetch",()=>{});const o={url:"x"};')).toEqual([]);
  });
});

describe('groupOf', () => {
  it('names runtimes, pdf.js data, app files and packages', () => {
    expect(groupOf({ url: 'assets/ort-wasm-simd-threaded.asyncify-X.wasm', bytes: 1 })).toBe('ONNX Runtime WASM (+ its loader)');
    expect(groupOf({ url: 'assets/ort-wasm-simd-threaded.asyncify-X.mjs', bytes: 1 })).toBe('ONNX Runtime WASM (+ its loader)');
    expect(groupOf({ url: 'assets/wllama-X.wasm', bytes: 1 })).toBe('llama.cpp (wllama) WASM');
    expect(groupOf({ url: '/pdfjs/cmaps/UniJIS-UTF8-H.bcmap', bytes: 1 })).toBe('pdf.js CMaps');
    expect(groupOf({ url: 'pdfjs/standard_fonts/FoxitSans.pfb', bytes: 1 })).toBe('pdf.js standard fonts');
    expect(groupOf({ url: 'assets/lib-X.js', bytes: 1, mainPackage: '@mlc-ai/web-llm' })).toBe('web-llm (WebGPU LLM) JS');
    expect(groupOf({ url: 'assets/index-X.js', bytes: 1, mainPackage: null })).toBe('app JS (page and workers)');
    expect(groupOf({ url: 'index.html', bytes: 1 })).toBe('app shell (HTML, CSS, manifest, icons)');
    expect(groupOf({ url: 'workbox-2178cfdb.js', bytes: 1 })).toBe('service worker');
  });

  it('strips ./, / and queries from URLs', () => {
    expect(buildPath('./assets/a.js?v=1')).toBe('assets/a.js');
    expect(buildPath('/index.html#x')).toBe('index.html');
  });
});

describe('groupPrecache', () => {
  it('sums raw and gzip bytes per group, largest group first, with the largest files and whether it can wait', () => {
    const groups = groupPrecache([
      { url: 'pdfjs/cmaps/A.bcmap', bytes: 10, gzipBytes: 5 },
      { url: 'pdfjs/cmaps/B.bcmap', bytes: 30, gzipBytes: 20 },
      { url: 'assets/ort-wasm-x.wasm', bytes: 100, gzipBytes: 25 },
    ]);
    expect(groups.map((g) => [g.group, g.files, g.bytes, g.gzipBytes])).toEqual([
      ['ONNX Runtime WASM (+ its loader)', 1, 100, 25],
      ['pdf.js CMaps', 2, 40, 25],
    ]);
    expect(groups[1]?.largest).toEqual([
      { url: 'pdfjs/cmaps/B.bcmap', bytes: 30 },
      { url: 'pdfjs/cmaps/A.bcmap', bytes: 10 },
    ]);
    expect(groups[0]?.deferrable).toBeNull();
    expect(groups[1]?.deferrable).toMatch(/on first use/u);
  });
});

describe('duplicatedChunks', () => {
  it('finds a chunk emitted twice at nearly the same size, not different chunks sharing a name', () => {
    const dups = duplicatedChunks([
      { url: 'assets/docx-BZwr3XCH.js', bytes: 313266 },
      { url: 'assets/docx-Bv4QBviz.js', bytes: 313273 },
      { url: 'assets/pdf-DN-HydKi.js', bytes: 20989 },
      { url: 'assets/pdf-q_y31vkh.js', bytes: 505162 },
    ]);
    expect(dups).toEqual([{ stem: 'docx.js', copies: 2, bytes: 626539 }]);
  });
});
