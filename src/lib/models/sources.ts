/**
 * Where the LLM worker finds a model's files. Catalog models: the mirror or public host (see
 * `catalog/urls.ts`). Imported models have no address anywhere: a GGUF file lives in OPFS under its
 * model id (`opfs:<id>`), an MLC folder in web-llm's caches under a reserved host that is never
 * fetched (`.invalid` cannot resolve), so web-llm finds every file in its cache and works offline.
 */
import type { Catalog, LlmModel, WebLlmModel } from '../catalog/types';
import { modelFileUrl, onnxModelUrl, webLlmLibUrl, webLlmModelUrl, wllamaModelUrl } from '../catalog/urls';

/** Ids of imported models start with this; catalog ids never do (the catalog's own convention). */
export const LOCAL_ID_PREFIX = 'local-';
/** The base under which imported MLC folders are stored in web-llm's caches. */
export const LOCAL_MLC_BASE = 'https://imported.hearth.invalid/';

export interface ModelSource {
  /** wllama: the GGUF URL (or `opfs:<id>`); web-llm and transformers.js: the folder ending in `/resolve/{revision}/`. */
  modelUrl: string;
  /** web-llm only: the model library. */
  libUrl?: string;
}

export function isLocalModelId(id: string): boolean {
  return id.startsWith(LOCAL_ID_PREFIX);
}

/** A fresh id for an imported model. */
export function newLocalModelId(): string {
  return `${LOCAL_ID_PREFIX}${crypto.randomUUID().slice(0, 8)}`;
}

/** The repo an imported model is filed under (only used to build its reserved URLs). */
export function localRepoOf(id: string): string {
  return `imported/${id}`;
}

/** web-llm URLs of an imported MLC folder. */
export function localWebLlmSource(model: Pick<WebLlmModel, 'repo' | 'revision' | 'modelLib'>): Required<ModelSource> {
  return { modelUrl: webLlmModelUrl(LOCAL_MLC_BASE, model), libUrl: modelFileUrl(LOCAL_MLC_BASE, model, model.modelLib) };
}

/** Where to load `model` from, given the catalog and the model base URL in use. */
export function sourceOf(model: LlmModel, catalog: Pick<Catalog, 'libBaseUrl'>, modelBaseUrl: string): ModelSource {
  if (isLocalModelId(model.id)) {
    return model.engine === 'webllm' ? localWebLlmSource(model) : { modelUrl: `opfs:${model.id}` };
  }
  if (model.engine === 'webllm') {
    return { modelUrl: webLlmModelUrl(modelBaseUrl, model), libUrl: webLlmLibUrl(catalog.libBaseUrl, model) };
  }
  if (model.engine === 'transformers') return { modelUrl: onnxModelUrl(modelBaseUrl, model) };
  return { modelUrl: wllamaModelUrl(modelBaseUrl, model) };
}
