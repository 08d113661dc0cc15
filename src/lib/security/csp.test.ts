import { describe, expect, it } from 'vitest';
import { connectAllowed, connectSrcOf } from './connect-check';
import { catalogSources, connectSources, parseConnectSrc } from './connect-sources';
import { contentSecurityPolicy, directives, securityHeaders } from './csp';
import catalog from '../../../models.json';

const options = { connectSrc: ['https://models.example.org', 'http://127.0.0.1:4180'] };

describe('contentSecurityPolicy', () => {
  it('allows scripts from the app and WASM compilation, never eval or inline script', () => {
    const script = directives(options)['script-src'];
    expect(script).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    const policy = contentSecurityPolicy(options, 'header');
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
  });

  it('limits connections to the app and the given sources', () => {
    expect(directives(options)['connect-src']).toEqual(["'self'", 'https://models.example.org', 'http://127.0.0.1:4180']);
    expect(directives({ connectSrc: ['https://a.org', 'https://a.org'] })['connect-src']).toEqual(["'self'", 'https://a.org']);
  });

  it('denies framing in the header, and leaves frame-ancestors out of a meta (browsers ignore it there)', () => {
    expect(contentSecurityPolicy(options, 'header')).toContain("frame-ancestors 'none'");
    const meta = contentSecurityPolicy(options, 'meta');
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toContain("default-src 'none'");
  });

  it('allows inline styles only for the dev server', () => {
    expect(directives(options)['style-src']).toEqual(["'self'"]);
    expect(directives({ ...options, dev: true })['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('sends the policy with nosniff, no referrer and cross-origin isolation', () => {
    const headers = securityHeaders(options);
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy(options, 'header'));
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });
});

describe('connect sources', () => {
  it('takes the shipped catalog’s hosts and where they redirect downloads', () => {
    expect(catalogSources(catalog)).toEqual(['https://huggingface.co', 'https://*.hf.co', 'https://*.huggingface.co', 'https://raw.githubusercontent.com']);
  });

  it('reads HEARTH_CONNECT_SRC: origins and wildcards, spaces or commas, paths dropped', () => {
    expect(parseConnectSrc(undefined)).toEqual([]);
    expect(parseConnectSrc(' https://Models.Example.org/llm/ , http://127.0.0.1:* https://*.corp.example')).toEqual(['https://models.example.org', 'http://127.0.0.1:*', 'https://*.corp.example']);
    expect(() => parseConnectSrc("'unsafe-inline'")).toThrow(/HEARTH_CONNECT_SRC/);
    expect(() => parseConnectSrc('ftp://files.example.org')).toThrow(/ftp/);
    expect(() => parseConnectSrc('*')).toThrow();
  });

  it('adds the installation’s sources after the catalog’s, once each', () => {
    expect(connectSources({ modelBaseUrl: 'http://127.0.0.1:4180/', libBaseUrl: 'http://127.0.0.1:4180/libs/' }, 'http://127.0.0.1:4180')).toEqual(['http://127.0.0.1:4180']);
  });
});

describe('connectAllowed', () => {
  const page = 'https://hearth.example.org/';
  const policy = contentSecurityPolicy({ connectSrc: connectSources(catalog, 'http://127.0.0.1:* https://models.example.org') }, 'meta');
  const sources = connectSrcOf(policy)!;

  it('reads connect-src back from a policy', () => {
    expect(sources).toContain("'self'");
    expect(sources).toContain('https://models.example.org');
    expect(connectSrcOf("default-src 'self'")).toEqual(["'self'"]);
  });

  it('matches origins, subdomain wildcards and port wildcards as the browser does', () => {
    expect(connectAllowed(sources, 'https://hearth.example.org/models.json', page)).toBe(true);
    expect(connectAllowed(sources, '/models.json', page)).toBe(true);
    expect(connectAllowed(sources, 'https://huggingface.co/Qwen/x/resolve/main/a.onnx', page)).toBe(true);
    expect(connectAllowed(sources, 'https://cas-bridge.xethub.hf.co/x', page)).toBe(true);
    expect(connectAllowed(sources, 'https://hf.co/x', page)).toBe(false);
    expect(connectAllowed(sources, 'http://127.0.0.1:4180/catalogs/test.json', page)).toBe(true);
    expect(connectAllowed(sources, 'https://models.example.org/a', page)).toBe(true);
    expect(connectAllowed(sources, 'https://models.example.org:8443/a', page)).toBe(false);
    expect(connectAllowed(sources, 'http://models.example.org/a', page)).toBe(false);
    expect(connectAllowed(sources, 'https://evil.example.com/models.json', page)).toBe(false);
    expect(connectAllowed(sources, 'http://[broken', page)).toBe(false);
  });

  it('lets an http source also cover https on the same host, never the reverse', () => {
    expect(connectAllowed(['http://mirror.lan'], 'https://mirror.lan/a', page)).toBe(true);
    expect(connectAllowed(['https://mirror.lan'], 'http://mirror.lan/a', page)).toBe(false);
    expect(connectAllowed(["'none'"], 'https://hearth.example.org/', page)).toBe(false);
  });
});
