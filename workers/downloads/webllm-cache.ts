/**
 * web-llm's own storage as the model manager sees it: Cache Storage, one cache per kind of file
 * (config, weights and tokenizer, model library), keyed by each file's URL. Here: whether a model is
 * complete (web-llm's `hasModelInCache`), its size on disk, deleting it (`deleteModelAllInfoInCache`,
 * then a sweep for leftovers of unfinished downloads), and filling it — by download, shard by shard, so
 * a reload resumes at shard granularity, or from files imported from disk, under the URLs web-llm reads.
 */
import { appError, AppError } from '../../src/lib/errors';
import { describeError, httpStatusError } from '../engines/errors';
import { checkRoom, estimateStorage } from './quota';
import { countingStream } from './counting-stream';

export const WEBLLM_CACHES = { config: 'webllm/config', model: 'webllm/model', wasm: 'webllm/wasm' } as const;
export const CONFIG_FILE = 'mlc-chat-config.json';
export const TENSOR_MANIFEST = 'tensor-cache.json';

/** Where web-llm finds one model: the folder ending in `/resolve/{revision}/` and its compiled library. */
export interface WebLlmSource {
  modelId: string;
  modelUrl: string;
  libUrl: string;
}

export interface MlcChatConfig {
  quantization?: string;
  context_window_size?: number;
  tokenizer_files?: string[];
  model_type?: string;
}

interface TensorManifest {
  records: { dataPath: string; nbytes: number }[];
}

/** The smallest appConfig web-llm's cache helpers need to find a model's files. */
export function appConfigOf(src: WebLlmSource) {
  return { model_list: [{ model: src.modelUrl, model_id: src.modelId, model_lib: src.libUrl }] };
}

/** web-llm fetches libraries on localhost or at relative URLs afresh on every load, never from its cache. */
export function cachesLibrary(libUrl: string): boolean {
  return /^https?:/i.test(libUrl) && !libUrl.includes('localhost');
}

/** The tokenizer file web-llm will read: tokenizer.json when the config lists it, else tokenizer.model. */
export function tokenizerFileOf(config: MlcChatConfig): string | null {
  const files = config.tokenizer_files ?? [];
  return files.includes('tokenizer.json') ? 'tokenizer.json' : files.includes('tokenizer.model') ? 'tokenizer.model' : null;
}

async function match(cacheName: string, url: string): Promise<Response | undefined> {
  return (await caches.open(cacheName)).match(url);
}

/** Bytes the model takes in web-llm's caches (weights, tokenizer, config, library). */
export async function webLlmBytes(src: WebLlmSource): Promise<number> {
  let bytes = 0;
  for (const name of [WEBLLM_CACHES.config, WEBLLM_CACHES.model]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!request.url.startsWith(src.modelUrl)) continue;
      bytes += (await (await cache.match(request))?.blob())?.size ?? 0;
    }
  }
  bytes += (await (await match(WEBLLM_CACHES.wasm, src.libUrl))?.blob())?.size ?? 0;
  return bytes;
}

/** 'complete' when web-llm can load the model without the network. */
export async function webLlmState(src: WebLlmSource): Promise<{ state: 'none' | 'partial' | 'complete'; bytes: number }> {
  const bytes = await webLlmBytes(src);
  if (bytes === 0) return { state: 'none', bytes };
  const haveConfig = (await match(WEBLLM_CACHES.config, new URL(CONFIG_FILE, src.modelUrl).href)) !== undefined;
  const haveLib = !cachesLibrary(src.libUrl) || (await match(WEBLLM_CACHES.wasm, src.libUrl)) !== undefined;
  let complete = false;
  if (haveConfig && haveLib) {
    const { hasModelInCache } = await import('@mlc-ai/web-llm');
    complete = await hasModelInCache(src.modelId, appConfigOf(src)).catch(() => false);
  }
  return { state: complete ? 'complete' : 'partial', bytes };
}

/** Delete every file of one model, finished or not. */
export async function removeWebLlm(src: WebLlmSource): Promise<void> {
  if ((await webLlmState(src)).state === 'complete') {
    const { deleteModelAllInfoInCache } = await import('@mlc-ai/web-llm');
    await deleteModelAllInfoInCache(src.modelId, appConfigOf(src)).catch(() => {});
  }
  // Shards of an unfinished download are not in any manifest web-llm would read: sweep by URL.
  for (const name of [WEBLLM_CACHES.config, WEBLLM_CACHES.model]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (request.url.startsWith(src.modelUrl)) await cache.delete(request);
  }
  await (await caches.open(WEBLLM_CACHES.wasm)).delete(src.libUrl);
}

export async function removeAllWebLlm(): Promise<void> {
  for (const name of Object.values(WEBLLM_CACHES)) await caches.delete(name);
}

/** Store files taken from disk under the URLs web-llm will ask its caches for. */
export async function putWebLlmFiles(src: WebLlmSource, files: { path: string; blob: Blob }[]): Promise<void> {
  try {
    for (const { path, blob } of files) {
      const isLib = path.endsWith('.wasm');
      const cacheName = isLib ? WEBLLM_CACHES.wasm : path === CONFIG_FILE ? WEBLLM_CACHES.config : WEBLLM_CACHES.model;
      const url = isLib ? src.libUrl : new URL(path, src.modelUrl).href;
      const headers = { 'Content-Type': isLib ? 'application/wasm' : 'application/octet-stream', 'Content-Length': String(blob.size) };
      await (await caches.open(cacheName)).put(url, new Response(blob, { headers }));
    }
  } catch (error) {
    await removeWebLlm(src).catch(() => {});
    throw storeError(error, 'the imported model');
  }
}

/**
 * Download what web-llm needs and is not cached yet: config, library, manifest, tokenizer, then each
 * missing weight shard. Progress counts weight bytes (the bulk), including shards already there.
 */
export async function downloadWebLlm(
  src: WebLlmSource,
  modelName: string,
  onProgress: (loadedBytes: number, totalBytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  try {
    const config = (await (await ensureCached(WEBLLM_CACHES.config, new URL(CONFIG_FILE, src.modelUrl).href, signal)).json()) as MlcChatConfig;
    const manifestUrl = new URL(TENSOR_MANIFEST, src.modelUrl).href;
    const manifest = (await (await ensureCached(WEBLLM_CACHES.model, manifestUrl, signal)).json()) as TensorManifest;
    const shards = manifest.records.map((r) => ({ url: new URL(r.dataPath, src.modelUrl).href, nbytes: r.nbytes }));
    const total = shards.reduce((sum, s) => sum + s.nbytes, 0);
    const model = await caches.open(WEBLLM_CACHES.model);
    const missing: typeof shards = [];
    for (const shard of shards) if (!(await model.match(shard.url))) missing.push(shard);
    let done = total - missing.reduce((sum, s) => sum + s.nbytes, 0);
    const room = checkRoom(modelName, total - done, await estimateStorage());
    if (room) throw room;
    onProgress(done, total);
    if (cachesLibrary(src.libUrl)) await ensureCached(WEBLLM_CACHES.wasm, src.libUrl, signal);
    const tokenizer = tokenizerFileOf(config);
    if (tokenizer) await ensureCached(WEBLLM_CACHES.model, new URL(tokenizer, src.modelUrl).href, signal);
    for (const shard of missing) {
      const before = done;
      await fetchIntoCache(model, shard.url, (n) => onProgress(before + n, total), signal);
      done += shard.nbytes;
    }
    onProgress(total, total);
  } catch (error) {
    const mapped = signal.aborted ? appError('ABORTED') : storeError(error, modelName);
    if (mapped.code === 'STORAGE_FULL') await removeWebLlm(src).catch(() => {});
    throw mapped;
  }
}

async function ensureCached(cacheName: string, url: string, signal: AbortSignal): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(url);
  if (hit) return hit;
  await fetchIntoCache(cache, url, () => {}, signal);
  const stored = await cache.match(url);
  if (!stored) throw appError('STORAGE_FAILED', { detail: `${url} was not kept in ${cacheName}` });
  return stored;
}

/** Stream one file into a cache, counting bytes as they pass. Cache.put is atomic: a cut-off file is never kept. */
async function fetchIntoCache(cache: Cache, url: string, onBytes: (n: number) => void, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw appError('ABORTED');
    throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: ${describeError(error)}`, cause: error });
  }
  const status = httpStatusError(url, response.status);
  if (status) throw status;
  if (!response.body) throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: empty response` });
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  await cache.put(url, new Response(response.body.pipeThrough(countingStream(onBytes)), { headers: { 'Content-Type': type } }));
}

function storeError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return appError('STORAGE_FULL', {
      message: `The browser ran out of storage while storing ${what}; its unfinished files were deleted. Delete models you no longer use (Models → Delete), then try again.`,
      detail: describeError(error),
      cause: error,
    });
  }
  return appError('MODEL_DOWNLOAD_FAILED', { detail: describeError(error), cause: error });
}
