/**
 * Where pdf.js comes from and how it runs, in the two places the PDF parser runs: the retrieval
 * worker (a browser module worker, bundled by Vite) and Node 20 (unit tests, CLI).
 *
 * - One build everywhere: `pdfjs-dist/legacy/build`. Node 20 cannot run the modern build (it needs
 *   newer built-ins), and the legacy build keeps modern syntax, so in Chromium it costs only its
 *   small polyfill prelude; the code that unit tests exercise is the code the browser runs.
 * - No nested worker: importing `pdf.worker.mjs` (pdfjs-worker.ts) sets `globalThis.pdfjsWorker`,
 *   and pdf.js then runs its parser in the calling thread (its "fake worker"). Inside the retrieval
 *   worker that is what we want (one thread, errors and crashes surface where they happen); in
 *   Node pdf.js always does so.
 * - CMaps (CJK text) and standard font data: in the browser the app serves them at
 *   `<base>pdfjs/cmaps/` and `<base>pdfjs/standard_fonts/` (vite.config.ts copies them and the
 *   service worker precaches them) and pdf.js fetches them itself (`useWorkerFetch`); in Node they
 *   are read from node_modules/pdfjs-dist by pdf.js's NodeBinaryDataFactory (fs.readFile on a path).
 */
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

export type Pdfjs = typeof import('pdfjs-dist');

export interface PdfjsEnv {
  pdfjs: Pdfjs;
  /** getDocument options for text extraction here (everything but `data` and `password`). */
  options: DocumentInitParameters;
}

/** The same test pdf.js makes: Node (not Electron's renderer, not a browser). */
function isNode(): boolean {
  return typeof process === 'object' && String(process) === '[object process]' && !!process.versions?.node;
}

/** Node 20 lacks Promise.withResolvers, which pdf.js (even the legacy build) calls. */
function polyfill(): void {
  if (typeof Promise.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(this: PromiseConstructor) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** Folder URLs (with the trailing slash pdf.js insists on) for CMaps and standard fonts. */
function dataFolders(): { cMapUrl: string; standardFontDataUrl: string; useWorkerFetch: boolean } {
  if (isNode()) {
    const { createRequire } = process.getBuiltinModule('node:module');
    const { dirname, join, sep } = process.getBuiltinModule('node:path');
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: join(root, 'cmaps') + sep, standardFontDataUrl: join(root, 'standard_fonts') + sep, useWorkerFetch: false };
  }
  // Vite replaces import.meta.env; outside Vite (a plain module) the app is served at '/'.
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const at = (folder: string) => new URL(`${base}pdfjs/${folder}/`, self.location.href).href;
  // A module worker has no `document`, which pdf.js's main-thread fetcher needs: let its parser fetch.
  return { cMapUrl: at('cmaps'), standardFontDataUrl: at('standard_fonts'), useWorkerFetch: true };
}

async function load(): Promise<PdfjsEnv> {
  polyfill();
  // The worker bundle first: it sets globalThis.pdfjsWorker, so pdf.js never starts a Worker.
  await import('./pdfjs-worker');
  const pdfjs: Pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const options: DocumentInitParameters = {
    ...dataFolders(),
    cMapPacked: true,
    // Text only: no fonts handed to the page, no system fonts, no image decoders, no renderer.
    // (pdf.js 6 has no `isEvalSupported` option left: it compiles nothing with eval.)
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableWorkerRendering: true,
    enableXfa: false,
    // Only errors reach the console: broken fonts and CMaps are routine in real PDFs.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
  return { pdfjs, options };
}

let loading: Promise<PdfjsEnv> | undefined;

/** pdf.js, loaded once on first use (a separate chunk in the browser build). */
export function loadPdfjs(): Promise<PdfjsEnv> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
