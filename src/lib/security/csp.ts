/**
 * Hearth's Content-Security-Policy and the other security headers, computed in one place: the build
 * writes it into index.html (a `<meta http-equiv>`, for static hosting) and the preview and dev
 * servers send it as headers (see scripts/vite-security.ts). Pure: no DOM, no Node.
 *
 * What the app needs, and nothing else:
 * - scripts and workers from its own origin; `'wasm-unsafe-eval'` to compile WebAssembly (ONNX
 *   Runtime, llama.cpp, web-llm), never `'unsafe-eval'` or inline script;
 * - `blob:` workers: llama.cpp (wllama) starts its worker from a blob: URL; no `blob:` scripts
 *   (transformers.js is told to let ONNX Runtime import its script from our origin);
 * - styles from its own files only (Svelte sets dynamic styles through the CSSOM, which the policy
 *   does not restrict; only the dev server injects `<style>` elements);
 * - network access to its own origin and the model hosts (`connectSrc`), nothing else;
 * - no plugins, no `<base>`, no form posts, no framing by anyone (`frame-ancestors`, header only).
 */

export interface PolicyOptions {
  /** Sources the app may fetch from besides its own origin: model hosts, mirrors, catalogs. */
  connectSrc: readonly string[];
  /** The dev server injects CSS as `<style>` elements, so it needs inline styles. */
  dev?: boolean;
}

/** How the policy reaches the browser: a `<meta>` cannot carry `frame-ancestors` (browsers ignore it there). */
export type Delivery = 'header' | 'meta';

export type Directives = Readonly<Record<string, readonly string[]>>;

export function directives({ connectSrc, dev = false }: PolicyOptions): Directives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'", 'blob:'],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'manifest-src': ["'self'"],
    'connect-src': ["'self'", ...dedupe(connectSrc)],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    // Forms may post to the app only: the share target is a POST to its own /share-target.
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** Directives a `<meta http-equiv>` policy cannot carry. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export function contentSecurityPolicy(options: PolicyOptions, delivery: Delivery): string {
  return Object.entries(directives(options))
    .filter(([name]) => delivery === 'header' || !HEADER_ONLY.has(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Cross-origin isolation gives WASM threads (SharedArrayBuffer) to the embedder and the LLM. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** Every header a host must send with every response of Hearth (pages, scripts, workers). */
export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy(options, 'header'),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}
