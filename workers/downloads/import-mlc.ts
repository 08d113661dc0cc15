/**
 * Importing a compiled MLC model folder from disk (air-gapped WebGPU use): mlc-chat-config.json,
 * tensor-cache.json, the weight shards it lists, the tokenizer and the model library (.wasm). The
 * files go into web-llm's caches under the reserved URLs of a new `local-…` id, so web-llm loads the
 * model from its cache without any network.
 */
import type { LocalModel, WebLlmModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import { localRepoOf, localWebLlmSource, newLocalModelId } from '../../src/lib/models/sources';
import type { ImportFile } from '../llm.protocol';
import { checkRoom, estimateStorage } from './quota';
import { CONFIG_FILE, putWebLlmFiles, TENSOR_MANIFEST, tokenizerFileOf, type MlcChatConfig } from './webllm-cache';

const MiB = 1024 * 1024;
const DEFAULT_CONTEXT = 4096;


/** The folder's name and every file by its path inside the folder. Files in sub-folders keep them. */
export function relativeFiles(files: ImportFile[]): { folder: string; byPath: Map<string, File> } {
  const first = files[0]?.path.split('/')[0] ?? '';
  const sameRoot = files.length > 0 && files.every((f) => f.path.includes('/') && f.path.split('/')[0] === first);
  const byPath = new Map<string, File>();
  for (const { path, file } of files) byPath.set(sameRoot ? path.slice(first.length + 1) : path, file);
  return { folder: sameRoot ? first : '', byPath };
}

/** The model library: the only .wasm at the top of the folder, or the one built for WebGPU. */
export function pickLibrary(paths: string[]): string | null {
  const libs = paths.filter((p) => p.endsWith('.wasm') && !p.includes('/'));
  return libs.length === 1 ? libs[0]! : (libs.find((p) => /webgpu/i.test(p)) ?? null);
}

function invalid(message: string, detail: string) {
  return appError('MODEL_IMPORT_INVALID', { message, detail });
}

async function readJson<T>(file: File, name: string): Promise<T> {
  try {
    return JSON.parse(await file.text()) as T;
  } catch {
    throw invalid(`${name} in the folder is not valid JSON.`, name);
  }
}

export async function importMlcFolder(files: ImportFile[], onProgress: (loaded: number, total: number) => void, signal: AbortSignal): Promise<LocalModel> {
  const { folder, byPath } = relativeFiles(files);
  const configFile = byPath.get(CONFIG_FILE);
  const manifestFile = byPath.get(TENSOR_MANIFEST);
  if (!configFile || !manifestFile) {
    throw invalid(`The folder needs ${CONFIG_FILE} and ${TENSOR_MANIFEST} at its top level: pick the model's own folder.`, [...byPath.keys()].slice(0, 20).join(', '));
  }
  const lib = pickLibrary([...byPath.keys()]);
  if (!lib) throw invalid('The folder has no model library (.wasm) for WebGPU. Put the compiled library for this model into the folder and import it again.', folder);
  const config = await readJson<MlcChatConfig>(configFile, CONFIG_FILE);
  const manifest = await readJson<{ records?: { dataPath: string }[] }>(manifestFile, TENSOR_MANIFEST);
  const shards = (manifest.records ?? []).map((r) => r.dataPath);
  const tokenizer = tokenizerFileOf(config);
  const needed = [CONFIG_FILE, TENSOR_MANIFEST, ...shards, ...(tokenizer ? [tokenizer] : [])];
  const missing = needed.filter((p) => !byPath.has(p));
  if (shards.length === 0 || !tokenizer || missing.length > 0) {
    throw invalid(`The folder is incomplete: ${missing.length > 0 ? `${missing.slice(0, 3).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : 'no weights or tokenizer are listed'}.`, missing.join(', '));
  }
  const toStore = [...needed, lib].map((path) => ({ path, blob: byPath.get(path)! }));
  const total = toStore.reduce((sum, f) => sum + f.blob.size, 0);
  const room = checkRoom(folder || 'The model', total, await estimateStorage());
  if (room) throw room;
  if (signal.aborted) throw appError('ABORTED');

  const id = newLocalModelId();
  const quantization = config.quantization ?? 'unknown';
  const model: WebLlmModel = {
    id,
    name: folder || id,
    kind: 'llm',
    engine: 'webllm',
    repo: localRepoOf(id),
    revision: 'main',
    modelLib: lib,
    lowResource: false,
    quantization,
    requiredFeatures: /f16/.test(quantization) ? ['shader-f16'] : [],
    downloadSizeMB: Math.round((total / MiB) * 10) / 10,
    memoryMB: Math.ceil((total * 1.2) / MiB) + 64,
    contextLength: config.context_window_size && config.context_window_size > 0 ? config.context_window_size : DEFAULT_CONTEXT,
    license: 'unknown (imported)',
    sourceUrl: '',
  };
  onProgress(0, total);
  await putWebLlmFiles({ modelId: id, ...localWebLlmSource(model) }, toStore);
  onProgress(total, total);
  return { model, origin: `${folder}/`, sizeBytes: total, importedAt: Date.now() };
}
