import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { AppError, CatalogError } from '../errors';
import { loadCatalog, parseCatalog } from './load';

/** A fresh, mutable copy of the shipped catalog to break in one place. */
function copy(): { [key: string]: any } {
  return structuredClone(shipped) as { [key: string]: any };
}

function indexOf(json: { models: { id: string }[] }, id: string): number {
  const i = json.models.findIndex((m) => m.id === id);
  if (i < 0) throw new Error(`test setup: no model ${id}`);
  return i;
}

/** Run parseCatalog and return the CatalogError it throws. */
function rejection(json: unknown): AppError {
  try {
    parseCatalog(json);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as AppError;
  }
  throw new Error('parseCatalog accepted a broken catalog');
}

describe('the shipped models.json', () => {
  const catalog = parseCatalog(shipped);

  it('validates', () => {
    expect(catalog.version).toBe(1);
    expect(catalog.models.length).toBeGreaterThan(10);
  });

  it('has defaults of the right kind', () => {
    const byId = new Map(catalog.models.map((m) => [m.id, m]));
    expect(byId.get(catalog.defaults.llm)?.kind).toBe('llm');
    expect(byId.get(catalog.defaults.llmWasm)?.engine).toBe('wllama');
    const embedder = byId.get(catalog.defaults.embedder);
    expect(embedder?.kind === 'embedder' && embedder.dimensions).toBe(384);
  });

  it('offers the q4f32 (no shader-f16) build of every q4f16 web-llm model that web-llm ships one of', () => {
    const webllm = catalog.models.filter((m) => m.engine === 'webllm');
    const prebuiltIds = new Set(prebuiltAppConfig.model_list.map((r) => r.model_id));
    const f16 = webllm.filter((m) => m.quantization.startsWith('q4f16'));
    const withTwin = f16.filter((m) => prebuiltIds.has(m.id.replace('q4f16', 'q4f32')));
    // web-llm 0.2.86 builds Gemma 3 1B as q4f16 only; every other q4f16 model has its q4f32 build.
    expect(f16.filter((m) => !withTwin.includes(m)).map((m) => m.id)).toEqual(['gemma3-1b-it-q4f16_1-MLC']);
    for (const m of withTwin) {
      const twin = webllm.find((o) => o.id === m.id.replace('q4f16', 'q4f32'));
      expect(twin, m.id).toBeDefined();
      expect(twin?.requiredFeatures).not.toContain('shader-f16');
    }
  });

  it('sizes every LLM by parameter count, so the device check can tier them', () => {
    for (const m of catalog.models.filter((m) => m.kind === 'llm')) expect(m.paramsM, m.id).toBeGreaterThan(0);
  });
});

describe('parseCatalog rejects a broken catalog with CATALOG_INVALID and names the field', () => {
  it('a missing field', () => {
    const json = copy();
    const i = indexOf(json as never, 'SmolLM2-360M-Instruct-q4f32_1-MLC');
    delete json.models[i].contextLength;
    const error = rejection(json);
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.detail).toContain(`models[${i}].contextLength`);
    expect(error.detail).toContain('missing');
    expect(error.detail).toContain('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });

  it('a wrong type', () => {
    const json = copy();
    json.models[0].memoryMB = '512';
    const error = rejection(json);
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.detail).toContain('models[0].memoryMB');
    expect(error.detail).toContain('number');
  });

  it('a field that belongs to another engine (a GGUF file on a web-llm record)', () => {
    const json = copy();
    json.models[0].file = 'model.gguf';
    const error = rejection(json);
    expect(error.detail).toContain('models[0].file');
  });

  it('an unknown engine', () => {
    const json = copy();
    json.models[1].engine = 'onnx';
    const error = rejection(json);
    expect(error.detail).toContain('models[1].engine');
  });

  it('a duplicate id', () => {
    const json = copy();
    json.models[2].id = json.models[0].id;
    const error = rejection(json);
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.detail).toContain('models[2].id');
    expect(error.detail).toContain('duplicate');
  });

  it('a default that points nowhere', () => {
    const json = copy();
    json.defaults.llm = 'no-such-model';
    const error = rejection(json);
    expect(error.detail).toContain('defaults.llm');
    expect(error.detail).toContain('no-such-model');
  });

  it('a default of the wrong kind', () => {
    const json = copy();
    json.defaults.embedder = json.defaults.llm;
    expect(rejection(json).detail).toContain('defaults.embedder');
  });

  it('a WASM default that is a web-llm model', () => {
    const json = copy();
    json.defaults.llmWasm = json.defaults.llm;
    expect(rejection(json).detail).toContain('defaults.llmWasm');
  });

  it('a GPU file other than fp32 (questions are embedded from the same file on WASM)', () => {
    const json = copy();
    const i = indexOf(json as never, 'all-MiniLM-L6-v2');
    json.models[i].gpuDtype = 'q4';
    expect(rejection(json).detail).toContain(`models[${i}].gpuDtype`);
  });

  it('a bad base URL', () => {
    const json = copy();
    json.modelBaseUrl = 'huggingface.co';
    const error = rejection(json);
    expect(error.detail).toContain('modelBaseUrl');
    expect(error.detail).toContain('URL');
  });

  it('a non-http URL', () => {
    const json = copy();
    json.libBaseUrl = 'javascript:alert(1)';
    expect(rejection(json).detail).toContain('libBaseUrl');
  });

  it('a bad repo name', () => {
    const json = copy();
    json.models[0].repo = 'https://huggingface.co/mlc-ai/x';
    expect(rejection(json).detail).toContain('models[0].repo');
  });

  it('a GGUF path that climbs out of the repo', () => {
    const json = copy();
    const i = indexOf(json as never, 'SmolLM2-135M-Instruct-Q8_0-GGUF');
    json.models[i].file = '../../etc/model.gguf';
    expect(rejection(json).detail).toContain(`models[${i}].file`);
  });

  it('an f16 web-llm model that does not declare shader-f16', () => {
    const json = copy();
    const i = indexOf(json as never, 'SmolLM2-360M-Instruct-q4f16_1-MLC');
    json.models[i].requiredFeatures = [];
    const error = rejection(json);
    expect(error.detail).toContain(`models[${i}].requiredFeatures`);
    expect(error.detail).toContain('shader-f16');
  });

  it('a misspelt field (unknown keys are refused, not ignored)', () => {
    const json = copy();
    json.models[0].hiden = true;
    expect(rejection(json).detail).toContain('models[0].hiden');
  });

  it('a wrong version, and something that is not a catalog at all', () => {
    const json = copy();
    json.version = 2;
    expect(rejection(json).detail).toContain('version');
    expect(rejection(null).code).toBe('CATALOG_INVALID');
    expect(rejection([]).code).toBe('CATALOG_INVALID');
  });

  it('lists at most three problems', () => {
    const json = copy();
    for (const m of json.models) delete m.license;
    expect(rejection(json).detail).toMatch(/and \d+ more$/);
  });
});

describe('loadCatalog', () => {
  const respond = (body: string, init?: ResponseInit) => (async () => new Response(body, init)) as unknown as typeof fetch;

  it('loads and validates a catalog', async () => {
    const catalog = await loadCatalog('https://mirror.example/models.json', respond(JSON.stringify(shipped)));
    expect(catalog.defaults.embedder).toBe('all-MiniLM-L6-v2');
  });

  it('turns a network failure into CATALOG_UNREACHABLE', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loadCatalog('https://mirror.example/models.json', failing)).rejects.toMatchObject({
      code: 'CATALOG_UNREACHABLE',
      detail: expect.stringContaining('Failed to fetch'),
    });
  });

  it('turns a 404 into CATALOG_UNREACHABLE', async () => {
    await expect(loadCatalog('/models.json', respond('nope', { status: 404, statusText: 'Not Found' }))).rejects.toMatchObject({
      code: 'CATALOG_UNREACHABLE',
      detail: expect.stringContaining('404'),
    });
  });

  it('turns an HTML page (an SPA fallback) into CATALOG_INVALID', async () => {
    await expect(loadCatalog('/models.json', respond('<!doctype html><html></html>'))).rejects.toMatchObject({
      code: 'CATALOG_INVALID',
      detail: expect.stringContaining('HTML'),
    });
  });

  it('turns valid JSON of the wrong shape into CATALOG_INVALID', async () => {
    await expect(loadCatalog('/models.json', respond('{"version":1}'))).rejects.toMatchObject({
      code: 'CATALOG_INVALID',
      detail: expect.stringContaining('modelBaseUrl'),
    });
  });
});
