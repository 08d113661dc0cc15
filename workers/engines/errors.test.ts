import { describe, expect, it } from 'vitest';
import { classifyCommon, diagnoseDownload, fallbackError } from './errors';

describe('classifyCommon (what wllama and the browser throw)', () => {
  it('maps a GGUF 404 from wllama to MODEL_FILE_NOT_FOUND', () => {
    const error = classifyCommon(new Error('Failed to fetch http://127.0.0.1:5173/m/resolve/main/x.gguf: HTTP 404'), 'load');
    expect(error?.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error?.detail).toContain('x.gguf');
  });

  it('maps an unreachable host to MODEL_DOWNLOAD_FAILED', () => {
    expect(classifyCommon(new TypeError('Failed to fetch'), 'load')?.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(classifyCommon(new Error('Failed to fetch http://x/y.gguf: HTTP 503'), 'load')?.code).toBe('MODEL_DOWNLOAD_FAILED');
  });

  it("maps llama.cpp's context overflow to PROMPT_TOO_LONG", () => {
    const error = classifyCommon(new Error('request (402 tokens) exceeds the available context size (256 tokens), try increasing it'), 'generate');
    expect(error?.code).toBe('PROMPT_TOO_LONG');
  });

  it("maps wllama's AbortError and WASM memory failures", () => {
    const abort = new Error('Operation aborted');
    abort.name = 'AbortError';
    expect(classifyCommon(abort, 'generate')?.code).toBe('ABORTED');
    expect(classifyCommon(new Error('Cannot allocate WebAssembly.Memory'), 'load')?.code).toBe('OUT_OF_MEMORY');
    expect(classifyCommon(new Error('Aborted(OOM)'), 'generate')?.code).toBe('OUT_OF_MEMORY');
  });

  it('leaves unknown errors to the caller', () => {
    expect(classifyCommon(new Error('llama_model_load: error loading model'), 'load')).toBeNull();
    expect(fallbackError(new Error('llama_model_load: error loading model'), 'load').code).toBe('MODEL_LOAD_FAILED');
  });
});

describe('diagnoseDownload', () => {
  const statuses = (map: Record<string, number | Error>) =>
    (async (input: RequestInfo | URL, init?: RequestInit) => {
      expect(init?.method).toBe('HEAD');
      const value = map[String(input)];
      if (value instanceof Error) throw value;
      return new Response(null, { status: value ?? 200 });
    }) as typeof fetch;

  it('names the first missing file', async () => {
    const error = await diagnoseDownload(['http://m/a.json', 'http://m/lib.wasm', 'http://m/c.json'], statuses({ 'http://m/lib.wasm': 404 }));
    expect(error?.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error?.detail).toBe('http://m/lib.wasm: HTTP 404');
  });

  it('reports an unreachable host as a download failure', async () => {
    const error = await diagnoseDownload(['http://m/a.json'], statuses({ 'http://m/a.json': new TypeError('Failed to fetch') }));
    expect(error?.code).toBe('MODEL_DOWNLOAD_FAILED');
  });

  it('has no verdict when every file is there, or the host refuses HEAD', async () => {
    expect(await diagnoseDownload(['http://m/a.json', 'http://m/b'], statuses({ 'http://m/b': 405 }))).toBeNull();
  });
});
