/**
 * The LLM worker's model store: one place that knows where each engine keeps a model's files (GGUF in
 * our OPFS folder, web-llm in its Cache Storage), downloads what is missing (one download per model:
 * joined by later callers in this window, waited for in the others — see download-lock.ts), and
 * answers the model manager: what is stored, how big, delete.
 */
import type { LlmModel } from '../../src/lib/catalog/types';
import type { ModelFilesRef, StoredModelInfo } from '../llm.protocol';
import type { ProgressReport } from '../engines/engine';
import { appError } from '../../src/lib/errors';
import { browserLocks } from '../locks';
import { downloadingElsewhere, whenNotDownloading, withDownloadLock } from './download-lock';
import { downloadGguf } from './gguf-download';
import { DownloadHub } from './hub';
import { completeFile, listStoredGguf, modelsDir, partialSize, readRecord, removeAllModelFiles, removeModelFiles } from './opfs-models';
import { watchElsewhere, type StoredBytes } from './watch-elsewhere';
import { downloadOnnx, onnxState, removeAllOnnx, removeOnnx, type OnnxSource } from './onnx-cache';
import { downloadWebLlm, removeAllWebLlm, removeWebLlm, webLlmBytes, webLlmState, type WebLlmSource } from './webllm-cache';

const MiB = 1024 * 1024;

/** A GGUF download ends with the model's File; a web-llm one with its files in web-llm's caches. */
const hub = new DownloadHub<File | null, ProgressReport>();

function webLlmSourceOf(ref: ModelFilesRef): WebLlmSource {
  return { modelId: ref.model.id, modelUrl: ref.modelUrl, libUrl: ref.libUrl ?? '' };
}

/** An ONNX model's files, or null for the other engines. */
function onnxSourceOf(ref: ModelFilesRef): OnnxSource | null {
  return ref.model.engine === 'transformers' ? { model: ref.model, modelUrl: ref.modelUrl } : null;
}

function expectedBytes(model: LlmModel): number {
  return Math.round(model.downloadSizeMB * MiB);
}

/**
 * Make sure every file of the model is stored, downloading what is missing.
 * @returns the GGUF file for wllama models, null for web-llm and ONNX models (whose files are in Cache Storage).
 * @throws AppError ABORTED (when `signal` fires; stored bytes are kept for a resume), STORAGE_FULL,
 *   MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED.
 */
export function ensureStored(ref: ModelFilesRef, onProgress: (p: ProgressReport) => void, signal: AbortSignal): Promise<File | null> {
  const { model } = ref;
  return hub.run(
    model.id,
    (downloadSignal, report) => {
      const progress = (loadedBytes: number, totalBytes: number) =>
        report({ loadedBytes, totalBytes, phase: 'download' });
      const watch = () => watchElsewhere(() => storedBytes(ref), report);
      return withDownloadLock(browserLocks(), model.id, downloadSignal, watch, async () => {
        if (model.engine === 'wllama') {
          return downloadGguf({ modelId: model.id, modelName: model.name, url: ref.modelUrl, expectedBytes: expectedBytes(model) }, progress, downloadSignal);
        }
        const onnx = onnxSourceOf(ref);
        if (onnx) {
          await downloadOnnx(onnx, progress, downloadSignal);
          return null;
        }
        await downloadWebLlm(webLlmSourceOf(ref), model.name, progress, downloadSignal);
        return null;
      });
    },
    onProgress,
    signal,
  );
}

/** What is stored of a model now, as another window's download fills it in. */
async function storedBytes(ref: ModelFilesRef): Promise<StoredBytes> {
  const expected = expectedBytes(ref.model);
  if (ref.model.engine === 'webllm') return { loadedBytes: await webLlmBytes(webLlmSourceOf(ref)), totalBytes: expected };
  const onnx = onnxSourceOf(ref);
  if (onnx) return { loadedBytes: (await onnxState(onnx)).bytes, totalBytes: expected };
  const dir = await modelsDir();
  const done = await completeFile(dir, ref.model.id);
  if (done) return { loadedBytes: done.size, totalBytes: done.size };
  const [bytes, record] = await Promise.all([partialSize(dir, ref.model.id), readRecord(dir, ref.model.id)]);
  return { loadedBytes: bytes, totalBytes: record?.totalBytes ?? expected };
}

/** What is stored of each model (one pass over the GGUF folder, one look into web-llm's caches each). */
export async function listStored(refs: ModelFilesRef[]): Promise<StoredModelInfo[]> {
  const gguf = new Map((await listStoredGguf(await modelsDir())).map((g) => [g.modelId, g]));
  const elsewhere = await downloadingElsewhere(browserLocks());
  const out: StoredModelInfo[] = [];
  for (const ref of refs) {
    const id = ref.model.id;
    const flags = { downloading: hub.isRunning(id), downloadingElsewhere: elsewhere.has(id) };
    if (ref.model.engine === 'wllama') {
      const g = gguf.get(id);
      out.push({ modelId: id, state: g?.state ?? 'none', bytes: g?.bytes ?? 0, totalBytes: g?.totalBytes ?? null, ...flags });
    } else if (ref.model.engine === 'transformers') {
      const o = await onnxState({ model: ref.model, modelUrl: ref.modelUrl }).catch(() => ({ state: 'none' as const, bytes: 0 }));
      out.push({ modelId: id, state: o.state, bytes: o.bytes, totalBytes: o.state === 'complete' ? o.bytes : null, ...flags });
    } else {
      const w = await webLlmState(webLlmSourceOf(ref)).catch(() => ({ state: 'none' as const, bytes: 0 }));
      out.push({ modelId: id, state: w.state, bytes: w.bytes, totalBytes: w.state === 'complete' ? w.bytes : null, ...flags });
    }
  }
  return out;
}

/** Stop a running download of the model (for every caller). */
export function cancelDownload(modelId: string): Promise<void> {
  return hub.cancel(modelId);
}

export function cancelAllDownloads(): Promise<void> {
  return hub.cancelAll();
}

/**
 * Delete every stored file of one model, finished or not. Cancels this window's download first.
 * @throws AppError DOWNLOADING_ELSEWHERE while another window downloads it.
 */
export async function deleteStored(ref: ModelFilesRef): Promise<void> {
  await hub.cancel(ref.model.id);
  await whenNotDownloading(browserLocks(), ref.model.id, async () => {
    const onnx = onnxSourceOf(ref);
    if (ref.model.engine === 'wllama') await removeModelFiles(await modelsDir(), ref.model.id);
    else if (onnx) await removeOnnx(onnx);
    else await removeWebLlm(webLlmSourceOf(ref));
  });
}

/**
 * Delete every model file of every engine, imported ones included.
 * @throws AppError DOWNLOADING_ELSEWHERE while another window downloads any model (nothing is deleted).
 */
export async function deleteAllStored(): Promise<void> {
  await hub.cancelAll();
  const busy = [...(await downloadingElsewhere(browserLocks()))];
  if (busy.length > 0) {
    throw appError('DOWNLOADING_ELSEWHERE', {
      message: 'A model is being downloaded in another Hearth window, so nothing was deleted. Let it finish or cancel it there, then try again.',
      detail: busy.join(', '),
    });
  }
  await removeAllModelFiles();
  await removeAllWebLlm();
  await removeAllOnnx();
}
