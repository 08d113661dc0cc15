/**
 * Where a model's files live. Everything is built with `new URL()` from a base URL and the catalog
 * record, so a self-hosted mirror with the Hugging Face layout ({base}/{repo}/resolve/{revision}/…)
 * works by passing its base instead of `catalog.modelBaseUrl`, with or without a trailing slash.
 */
import type { ModelRecord, WebLlmModel, WllamaModel } from './types';

/** `https://host/a` and `https://host/a/` both mean the folder `a`. */
function asFolder(base: string): URL {
  const url = new URL(base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** Encode each path segment but keep the slashes ("tinyllamas/stories 260K.gguf" stays two segments). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The folder of one revision of a repo: `{base}/{repo}/resolve/{revision}/`. */
function revisionFolder(base: string, model: Pick<ModelRecord, 'repo' | 'revision'>): URL {
  return new URL(`${encodePath(model.repo)}/resolve/${encodeURIComponent(model.revision)}/`, asFolder(base));
}

/**
 * URL of one file of a model: `{base}/{repo}/resolve/{revision}/{path}`.
 * @param base Hugging Face or a mirror with the same layout.
 * @param path File path inside the repo, e.g. "onnx/model_quantized.onnx".
 */
export function modelFileUrl(base: string, model: Pick<ModelRecord, 'repo' | 'revision'>, path: string): string {
  return new URL(encodePath(path.replace(/^\/+/, '')), revisionFolder(base, model)).href;
}

/**
 * The model URL web-llm wants in a custom `appConfig`: the revision folder, ending in `/resolve/{revision}/`
 * (web-llm appends `resolve/main/` to any URL that lacks a `/resolve/…/` part).
 */
export function webLlmModelUrl(base: string, model: Pick<WebLlmModel, 'repo' | 'revision'>): string {
  return revisionFolder(base, model).href;
}

/**
 * The folder transformers.js reads an ONNX LLM from: `{base}/{repo}/resolve/{revision}/` (the engine
 * splits it back into the hub base and the repo, the way transformers.js addresses files).
 */
export function onnxModelUrl(base: string, model: Pick<ModelRecord, 'repo' | 'revision'>): string {
  return revisionFolder(base, model).href;
}

/** URL of the compiled model library (.wasm): `{libBase}/{modelLib}`. */
export function webLlmLibUrl(libBase: string, model: Pick<WebLlmModel, 'modelLib'>): string {
  return new URL(encodePath(model.modelLib), asFolder(libBase)).href;
}

/** URL of the GGUF file wllama downloads (the first shard, for a split model). */
export function wllamaModelUrl(base: string, model: Pick<WllamaModel, 'repo' | 'revision' | 'file'>): string {
  return modelFileUrl(base, model, model.file);
}
