/**
 * The ONNX LLM engine's storage as the model manager sees it: transformers.js' own Cache Storage
 * cache ('transformers-cache'), keyed by each file's URL exactly as transformers.js builds it
 * (`{base}/{repo}/resolve/{revision}/{file}`, the model folder plus the file). A download fills the
 * same entries, file by file (Cache.put is atomic: a cut-off file is never kept), so transformers.js
 * finds them on the next load and reads nothing from the network.
 */
import type { OnnxLlmModel } from '../../src/lib/catalog/types';
import { appError, AppError } from '../../src/lib/errors';
import { describeError, httpStatusError } from '../engines/errors';
import { onnxModelFiles } from '../engines/onnx-files';
import { checkRoom, estimateStorage } from './quota';
import { countingStream } from './counting-stream';

/** transformers.js' default `env.cacheKey`. */
export const TRANSFORMERS_CACHE = 'transformers-cache';

export interface OnnxSource {
  model: OnnxLlmModel;
  /** The model folder ending in `/resolve/{revision}/`. */
  modelUrl: string;
}

const urlsOf = (src: OnnxSource) => onnxModelFiles(src.model).map((f) => new URL(f, src.modelUrl).href);

async function sizeOf(response: Response): Promise<number> {
  const declared = Number(response.headers.get('Content-Length'));
  return Number.isFinite(declared) && declared > 0 ? declared : (await response.blob()).size;
}

/** Whether every file is cached, and the bytes the cached ones take. */
export async function onnxState(src: OnnxSource): Promise<{ state: 'none' | 'partial' | 'complete'; bytes: number }> {
  const cache = await caches.open(TRANSFORMERS_CACHE);
  let bytes = 0;
  let found = 0;
  const urls = urlsOf(src);
  for (const url of urls) {
    const hit = await cache.match(url);
    if (!hit) continue;
    found++;
    bytes += await sizeOf(hit);
  }
  return { state: found === 0 ? 'none' : found === urls.length ? 'complete' : 'partial', bytes };
}

export async function removeOnnx(src: OnnxSource): Promise<void> {
  const cache = await caches.open(TRANSFORMERS_CACHE);
  for (const url of urlsOf(src)) await cache.delete(url);
}

/**
 * Deletes every ONNX LLM's files. The same cache holds the embedder's and the reranker's, which stay:
 * an LLM's folder is the one with a generation_config.json.
 */
export async function removeAllOnnx(): Promise<void> {
  const cache = await caches.open(TRANSFORMERS_CACHE);
  const keys = (await cache.keys()).map((r) => r.url);
  const folders = keys.filter((u) => u.endsWith('/generation_config.json')).map((u) => u.slice(0, -'generation_config.json'.length));
  for (const url of keys) if (folders.some((f) => url.startsWith(f))) await cache.delete(url);
}

/**
 * Downloads the files that are not cached yet, reporting bytes across all of them.
 * @throws AppError ABORTED, STORAGE_FULL, MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED.
 */
export async function downloadOnnx(
  src: OnnxSource,
  onProgress: (loadedBytes: number, totalBytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const cache = await caches.open(TRANSFORMERS_CACHE);
  const expected = Math.round(src.model.downloadSizeMB * 1024 * 1024);
  const have = (await onnxState(src)).bytes;
  const room = checkRoom(src.model.name, expected - have, await estimateStorage());
  if (room) throw room;
  let done = have;
  for (const url of urlsOf(src)) {
    if (signal.aborted) throw appError('ABORTED');
    if (await cache.match(url)) continue;
    const before = done;
    try {
      await fetchIntoCache(cache, url, (n) => onProgress((done = before + n), Math.max(expected, done)), signal);
    } catch (error) {
      throw storeError(error, src.model.name, signal);
    }
  }
  onProgress(done, done);
}

async function fetchIntoCache(cache: Cache, url: string, onBytes: (n: number) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { signal });
  const status = httpStatusError(url, response.status);
  if (status) throw status;
  if (!response.body) throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: empty response` });
  const headers: Record<string, string> = { 'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream' };
  const length = response.headers.get('Content-Length');
  if (length) headers['Content-Length'] = length;
  await cache.put(url, new Response(response.body.pipeThrough(countingStream(onBytes)), { headers }));
}

function storeError(error: unknown, name: string, signal: AbortSignal): AppError {
  if (signal.aborted) return appError('ABORTED');
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return appError('STORAGE_FULL', {
      message: `The browser ran out of storage while storing ${name}. Delete models you no longer use (Models → Delete), then try again.`,
      detail: describeError(error),
      cause: error,
    });
  }
  return appError('MODEL_DOWNLOAD_FAILED', { detail: describeError(error), cause: error });
}
