/**
 * Hearth's security headers in the build and its servers, from src/lib/security (one source):
 * - the build writes the Content-Security-Policy into index.html as `<meta http-equiv>` (for a
 *   static host that sends no headers; a meta cannot carry `frame-ancestors`, and covers the page
 *   only, not its workers) and writes every header into `_headers` (the format several static
 *   hosts read), which the preview server sends with every response;
 * - the dev server sends the headers too, with inline styles allowed (Vite injects CSS as `<style>`).
 *
 * The allowed hosts are the shipped catalog's (models.json) plus HEARTH_CONNECT_SRC, read at build
 * time: e.g. `HEARTH_CONNECT_SRC="https://models.example.org" npx vite build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import catalog from '../models.json' with { type: 'json' };
import { connectSources } from '../src/lib/security/connect-sources.ts';
import { contentSecurityPolicy, securityHeaders, type PolicyOptions } from '../src/lib/security/csp.ts';

export const HEADERS_FILE = '_headers';

export function policyOptions(env: NodeJS.ProcessEnv = process.env, dev = false): PolicyOptions {
  return { connectSrc: connectSources(catalog, env.HEARTH_CONNECT_SRC), dev };
}

/** `_headers`: every path gets every header (Netlify / Cloudflare Pages format). */
export function headersFile(headers: Record<string, string>): string {
  return `/*\n${Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`).join('\n')}\n`;
}

/** Read a `_headers` file written by `headersFile`. */
export function readHeadersFile(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s+([\w-]+):\s*(.+)$/u.exec(line);
    if (match) headers[match[1]!] = match[2]!.trim();
  }
  return headers;
}

/**
 * The headers the preview server sends: those the build wrote into dist/_headers (so they match its
 * `<meta>`), or, before any build, the ones this environment would build.
 */
export function previewHeaders(outDir = 'dist'): Record<string, string> {
  const file = join(outDir, HEADERS_FILE);
  return existsSync(file) ? readHeadersFile(readFileSync(file, 'utf8')) : securityHeaders(policyOptions());
}

/**
 * The preview server sends the headers of the build it serves: the one in `build.outDir`, which
 * `vite preview --outDir <dir>` sets (a fixed `preview.headers` would read dist/ whatever is served).
 */
export function previewSecurityPlugin(): Plugin {
  return {
    name: 'hearth-security-preview',
    configurePreviewServer(server) {
      const headers = previewHeaders(resolve(server.config.root, server.config.build.outDir));
      server.middlewares.use((_request, response, next) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        next();
      });
    },
  };
}

export function devHeaders(): Record<string, string> {
  return securityHeaders(policyOptions(process.env, true));
}

export function securityPlugin(): Plugin {
  const options = policyOptions();
  return {
    name: 'hearth-security',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(options, 'meta') }, injectTo: 'head-prepend' }];
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: HEADERS_FILE, source: headersFile(securityHeaders(options)) });
    },
  };
}
