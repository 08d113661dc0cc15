/**
 * The shared Embedder in Node (onnxruntime-node), loaded the two ways the `hearth` command offers:
 * from a local folder in hub layout (.models/mirror, read in place) and over HTTP from a mirror
 * (downloads cached on disk). The tiny BERT (test catalog) and the all-MiniLM-L6-v2 shape twin
 * (models.json) are built into .models/mirror (or HEARTH_TEST_MIRROR), as `npm run models` does, when
 * they are not there yet; the test fails, saying how to make them, when that cannot be done.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from '../scripts/models/static-server.ts';
import { miniLmTarget } from '../scripts/models/target-minilm.ts';
import { tinyBertTarget } from '../scripts/models/target-tiny-bert.ts';
import type { EmbedderModel } from '../src/lib/catalog/types';
import { AppError, ModelError } from '../src/lib/errors';
import type { Embedder } from '../workers/retrieval/embedder';
import { findEmbedder, readCatalogFile } from './catalog-node';
import { modelCacheRoot, resolveModelSource, revisionFolder } from './model-hub-node';
import { loadNodeEmbedder } from './node-embedder';
import { ensureModelBuilt, MIRROR_ROOT } from './test-models';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mirrorRoot = MIRROR_ROOT;

const tiny = findEmbedder(readCatalogFile(join(projectRoot, 'e2e', 'fixtures', 'catalogs', 'test.json')), 'tiny-bert');
const miniLm = findEmbedder(readCatalogFile(), 'all-MiniLM-L6-v2');
const MODELS: [string, EmbedderModel][] = [['tiny BERT', tiny], ['MiniLM twin', miniLm]];

const tmp = mkdtempSync(join(tmpdir(), 'hearth-cli-embedder-'));
const cacheRoot = join(tmp, 'cache');
let server: StaticServer;

const texts = ['the water is cold', 'a quick brown fox jumps over the lazy dog', 'interest rates rose again'];

beforeAll(async () => {
  await ensureModelBuilt(tinyBertTarget);
  await ensureModelBuilt(miniLmTarget);
  server = await serveDirectory(mirrorRoot);
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const norm = (v: Float32Array) => Math.hypot(...v);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(MODELS)('%s in Node', (_label, model) => {
  let fromDir: Embedder;
  let fromHttp: Embedder;
  let dirVectors: Float32Array[];

  beforeAll(async () => {
    fromDir = await loadNodeEmbedder(model, mirrorRoot, undefined, { threads: 1 });
    dirVectors = await fromDir.embed(texts, 'passage');
    fromHttp = await loadNodeEmbedder(model, server.url, undefined, { threads: 1, cacheRoot });
  }, 60_000);

  it('embeds with the catalog dimensions into finite unit vectors', () => {
    expect(dirVectors).toHaveLength(texts.length);
    for (const v of dirVectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(model.dimensions);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(dirVectors[0]).not.toEqual(dirVectors[1]);
    expect(fromDir.threads).toBe(1);
    expect(fromDir.maxTokens).toBe(Math.min(model.contextLength, 512));
  });

  it('is deterministic: the same texts give the same vectors, alone or in a batch, loaded again or not', async () => {
    expect(await fromDir.embed(texts, 'passage')).toEqual(dirVectors);
    // Alone it is padded differently; q8 quantizes activations per batch, so allow a little.
    const [alone] = await fromDir.embed([texts[1]!], 'passage');
    expect(dot(alone!, dirVectors[1]!)).toBeGreaterThan(model.dtype === 'q8' ? 0.999 : 0.99999);
    const again = await loadNodeEmbedder(model, mirrorRoot, undefined, { threads: 1 });
    expect(await again.embed(texts, 'passage')).toEqual(dirVectors);
  });

  it('gives the same vectors from the folder and over HTTP, fetching in hub layout into the cache', async () => {
    expect(await fromHttp.embed(texts, 'passage')).toEqual(dirVectors);
    const onnx = model.dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
    expect(server.requested).toContain(`/${model.repo}/resolve/main/${onnx}`);
    expect(server.requested).toContain(`/${model.repo}/resolve/main/tokenizer.json`);
    const source = resolveModelSource(server.url, { cacheRoot });
    expect(source.kind === 'url' && existsSync(join(source.cacheDir, model.repo, onnx))).toBe(true);
  });

  it('counts tokens with the model tokenizer, special tokens included', () => {
    expect(fromDir.countTokens('')).toBe(2); // [CLS] [SEP]
    expect(fromDir.countTokens('the water is cold')).toBe(6);
  });
});

describe('query and passage prefixes', () => {
  const prefixed: EmbedderModel = { ...tiny, queryPrefix: 'query: ', passagePrefix: 'passage: ' };

  it('embeds a query and a passage with their own prefix, and counts passage tokens with it', async () => {
    const plain = await loadNodeEmbedder(tiny, mirrorRoot);
    const withPrefixes = await loadNodeEmbedder(prefixed, mirrorRoot);
    const [query] = await withPrefixes.embed(['cold water'], 'query');
    const [passage] = await withPrefixes.embed(['cold water'], 'passage');
    expect(query).not.toEqual(passage);
    expect(query).toEqual((await plain.embed(['query: cold water'], 'passage'))[0]);
    expect(passage).toEqual((await plain.embed(['passage: cold water'], 'query'))[0]);
    expect(withPrefixes.countTokens('cold water')).toBe(plain.countTokens('passage: cold water'));
    expect(await withPrefixes.embed([], 'query')).toEqual([]);
  });
});

describe('the download cache', () => {
  it('loads a second time from the cache with the server gone, and fails coded without it', async () => {
    const own = await serveDirectory(mirrorRoot);
    const root = join(tmp, 'offline-cache');
    const online = await loadNodeEmbedder(tiny, own.url, undefined, { cacheRoot: root });
    const expected = await online.embed(texts, 'passage');
    await own.close();
    const offline = await loadNodeEmbedder(tiny, own.url, undefined, { cacheRoot: root });
    expect(await offline.embed(texts, 'passage')).toEqual(expected);

    const error = await rejection(loadNodeEmbedder(tiny, own.url, undefined, { cacheRoot: join(tmp, 'empty-cache') }));
    expect(error.code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(error.message).toContain(own.url);
    expect(error.message).toContain(tiny.name);
  });

  it('keeps each base URL in its own folder under HEARTH_CACHE_DIR (or ~/.cache/hearth/models)', () => {
    expect(modelCacheRoot({ HEARTH_CACHE_DIR: '/var/cache/h' })).toBe(resolve('/var/cache/h'));
    expect(modelCacheRoot({})).toMatch(/[/\\]\.cache[/\\]hearth[/\\]models$/);
    expect(resolveModelSource('https://huggingface.co', { cacheRoot: '/c' })).toEqual({
      kind: 'url', url: 'https://huggingface.co/', cacheDir: join('/c', 'huggingface.co'),
    });
    expect(resolveModelSource('http://127.0.0.1:4180/hub/models?x=1', { cacheRoot: '/c' })).toEqual({
      kind: 'url', url: 'http://127.0.0.1:4180/hub/models/', cacheDir: join('/c', '127.0.0.1_4180', 'hub', 'models'),
    });
  });

  it('takes anything else as a folder: a path (relative to the working directory) or a file: URL', () => {
    expect(resolveModelSource('.models/mirror', { cwd: '/w' })).toEqual({ kind: 'dir', dir: resolve('/w', '.models/mirror') });
    expect(resolveModelSource(pathToFileURL(mirrorRoot).href)).toEqual({ kind: 'dir', dir: mirrorRoot });
    expect(revisionFolder('/m', tiny)).toBe(join('/m', 'hearth-test', 'tiny-bert-embedder', 'resolve', 'main'));
    expect(() => resolveModelSource('ftp://example.org/models/')).toThrow(/neither an http\(s\) URL nor a folder/);
  });
});

describe('load errors', () => {
  it('a folder without the model: MODEL_FILE_NOT_FOUND naming the model, the folder and the file', async () => {
    const empty = mkdtempSync(join(tmp, 'empty-'));
    const error = await rejection(loadNodeEmbedder(miniLm, empty));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error.message).toContain(miniLm.name);
    expect(error.message).toContain(empty);
    expect(error.message).toContain('Xenova/all-MiniLM-L6-v2/resolve/main/');
    expect(error.detail).toContain(join(empty, 'Xenova', 'all-MiniLM-L6-v2', 'resolve', 'main'));
  });

  it('a folder that does not exist: MODEL_FILE_NOT_FOUND naming it', async () => {
    const missing = join(tmp, 'no-such-folder');
    const error = await rejection(loadNodeEmbedder(tiny, missing));
    expect(error.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('one file missing (the ONNX model, or the tokenizer): MODEL_FILE_NOT_FOUND naming it', async () => {
    const copy = (name: string, skip: string) => {
      const root = join(tmp, name);
      const from = revisionFolder(mirrorRoot, tiny);
      cpSync(from, revisionFolder(root, tiny), { recursive: true, filter: (src) => !src.endsWith(skip) });
      expect(readdirSync(revisionFolder(root, tiny))).not.toContain(skip);
      return root;
    };
    const noOnnx = await rejection(loadNodeEmbedder(tiny, copy('no-onnx', 'model.onnx')));
    expect(noOnnx.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(noOnnx.detail).toContain('onnx/model.onnx');
    const noTokenizer = await rejection(loadNodeEmbedder(tiny, copy('no-tokenizer', 'tokenizer_config.json')));
    expect(noTokenizer.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(noTokenizer.message).toContain(tiny.name);
  });

  it('a model the server does not have (404): MODEL_FILE_NOT_FOUND naming the model and the URL', async () => {
    const absent: EmbedderModel = { ...tiny, name: 'Absent embedder', repo: 'hearth-test/absent' };
    const error = await rejection(loadNodeEmbedder(absent, server.url, undefined, { cacheRoot }));
    expect(error.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error.message).toContain('Absent embedder');
    expect(error.message).toContain(server.url);
    expect(error.detail).toContain(`${server.url}hearth-test/absent/resolve/main/`);
  });

  it('an id that is not an embedder in the catalog: MODEL_NOT_IN_CATALOG listing the embedders', () => {
    expect(() => findEmbedder(readCatalogFile(), 'nope')).toThrow(/all-MiniLM-L6-v2, multilingual-e5-small/);
    expect(() => findEmbedder(readCatalogFile(), 'ms-marco-MiniLM-L-6-v2')).toThrow(/not an embedding model/);
  });
});
