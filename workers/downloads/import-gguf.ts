/**
 * Importing a .gguf file from disk (air-gapped use): check it is GGUF, copy it into the models folder
 * in OPFS under a new `local-…` id, and describe it from its own metadata. The copy gets its final
 * name only when complete; a failed or cancelled import leaves nothing behind.
 */
import type { LocalModel, WllamaModel } from '../../src/lib/catalog/types';
import { appError, AppError } from '../../src/lib/errors';
import { localRepoOf, newLocalModelId } from '../../src/lib/models/sources';
import { describeError } from '../engines/errors';
import { factsOf, readGgufHeader } from './gguf-header';
import { modelsDir, promotePartial, removeModelFiles, writeRecord } from './opfs-models';
import { appendStream } from './opfs-write';
import { checkRoom, estimateStorage } from './quota';

const MiB = 1024 * 1024;
/** Enough for the metadata of any common model (the vocabulary is the bulk of it). */
const HEADER_BYTES = 16 * MiB;
const DEFAULT_CONTEXT = 2048;

/** "smollm2-135m-instruct-q4_k_m.gguf" → "Q4_K_M". */
export function quantizationFromName(fileName: string): string | null {
  const match = /(?:^|[-_.])((?:IQ|Q)\d(?:_[A-Z0-9]+)*|BF16|F16|F32)(?=[-_.])/i.exec(fileName);
  return match?.[1]?.toUpperCase() ?? null;
}

export async function importGguf(file: File, onProgress: (loaded: number, total: number) => void, signal: AbortSignal): Promise<LocalModel> {
  if (!/\.gguf$/i.test(file.name) || file.size === 0) {
    throw appError('MODEL_IMPORT_INVALID', { message: `"${file.name}" is not a .gguf model file. Choose a .gguf file.`, detail: `${file.name}, ${file.size} bytes` });
  }
  if (/-\d{5}-of-\d{5}\.gguf$/i.test(file.name)) {
    throw appError('MODEL_IMPORT_INVALID', {
      message: 'This is one part of a split GGUF model; Hearth imports single-file models. Merge the parts first (llama-gguf-split --merge).',
      detail: file.name,
    });
  }
  const header = readGgufHeader(await file.slice(0, HEADER_BYTES).arrayBuffer());
  if (!header) {
    throw appError('MODEL_IMPORT_INVALID', { message: `"${file.name}" does not start like a GGUF file. Is it damaged, or another format?`, detail: file.name });
  }
  const facts = factsOf(header);
  const room = checkRoom(file.name, file.size, await estimateStorage());
  if (room) throw room;

  const id = newLocalModelId();
  const dir = await modelsDir();
  try {
    await writeRecord(dir, { modelId: id, url: `opfs:${id}`, etag: null, totalBytes: file.size });
    const written = await appendStream(dir, id, abortable(file.stream(), signal), 0, (at) => onProgress(at, file.size));
    if (written !== file.size) throw appError('STORAGE_FAILED', { detail: `copied ${written} of ${file.size} bytes` });
    await promotePartial(dir, id);
  } catch (error) {
    await removeModelFiles(dir, id).catch(() => {});
    throw importError(error, file.name, signal);
  }
  onProgress(file.size, file.size);
  const model: WllamaModel = {
    id,
    name: facts.name ?? file.name.replace(/\.gguf$/i, ''),
    kind: 'llm',
    engine: 'wllama',
    repo: localRepoOf(id),
    revision: 'main',
    file: file.name,
    quantization: quantizationFromName(file.name) ?? 'unknown',
    downloadSizeMB: Math.round((file.size / MiB) * 10) / 10,
    // Weights plus a little for the context and llama.cpp's buffers.
    memoryMB: Math.ceil((file.size * 1.2) / MiB) + 32,
    contextLength: facts.contextLength ?? DEFAULT_CONTEXT,
    requiredFeatures: [],
    license: 'unknown (imported)',
    sourceUrl: '',
  };
  return { model, origin: file.name, sizeBytes: file.size, importedAt: Date.now() };
}

/** A stream that errors as soon as `signal` fires (a File's stream knows no AbortSignal). */
function abortable(stream: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal });
}

function importError(error: unknown, fileName: string, signal: AbortSignal): AppError {
  if (signal.aborted) return appError('ABORTED');
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return appError('STORAGE_FULL', {
      message: `The browser ran out of storage while importing ${fileName}; nothing was kept. Delete models you no longer use (Models → Delete), then try again.`,
      detail: describeError(error),
      cause: error,
    });
  }
  return appError('STORAGE_FAILED', { detail: `importing ${fileName}: ${describeError(error)}`, cause: error });
}
