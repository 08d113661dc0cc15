/**
 * The resumable GGUF download: stream the model file into OPFS through a sync access handle, keep the
 * partial file and its record when the download stops (cancel, dropped network, closed tab), and
 * continue with `Range: bytes=<done>-` next time. The file gets its final name only when every byte
 * is there; running out of quota deletes the partial, so nothing half-stored is left behind.
 */
import { appError, AppError } from '../../src/lib/errors';
import { formatBytes } from '../../src/lib/models/format';
import { describeError, httpStatusError } from '../engines/errors';
import {
  completeFile,
  modelsDir,
  partialSize,
  promotePartial,
  readRecord,
  removeModelFiles,
  writeRecord,
  type GgufRecord,
} from './opfs-models';
import { appendStream } from './opfs-write';
import { checkRoom, estimateStorage } from './quota';
import { isPartialComplete, planWrite, rangeStartFor, type ResponseFacts } from './range';

export interface GgufDownload {
  modelId: string;
  /** For messages ("Stories 260K needs 1.2 MB…"). */
  modelName: string;
  url: string;
  /** The catalog's size, for progress until the server says the real one. */
  expectedBytes: number;
}

export type ByteProgress = (loadedBytes: number, totalBytes: number) => void;

const RESUME_HINT = 'Try again: the download continues where it stopped.';

/**
 * The model's file in OPFS, downloading what is missing.
 * @throws AppError ABORTED (partial kept), MODEL_DOWNLOAD_FAILED (partial kept), MODEL_FILE_NOT_FOUND,
 *   STORAGE_FULL (before the download, or while writing — then the partial is deleted).
 */
export async function downloadGguf(request: GgufDownload, onProgress: ByteProgress, signal: AbortSignal): Promise<File> {
  const dir = await modelsDir();
  const stored = await completeFile(dir, request.modelId);
  if (stored) return stored;
  if (!/^https?:/i.test(request.url)) {
    throw appError('MODEL_FILE_NOT_FOUND', {
      message: 'This imported model is no longer stored in the browser. Import its file again (Models → Import).',
      detail: `${request.modelId}: no file in OPFS and no address to download from (${request.url})`,
    });
  }
  // One refetch at most: the first response may show that the partial belongs to an older file.
  for (let attempt = 0; attempt < 2; attempt++) {
    const record = await readRecord(dir, request.modelId);
    const have = await partialSize(dir, request.modelId);
    if (record?.url === request.url && isPartialComplete(record, have)) return finish(dir, request, have);

    const from = rangeStartFor(record, request.url, have);
    const response = await get(request.url, from, signal);
    const facts = factsOf(response);
    if (![200, 206, 416].includes(facts.status)) {
      await response.body?.cancel().catch(() => {});
      throw httpStatusError(request.url, facts.status) ?? appError('MODEL_DOWNLOAD_FAILED', { detail: `HTTP ${facts.status}` });
    }
    const plan = planWrite(from, record, facts);
    if (plan.kind === 'refetch') {
      await response.body?.cancel().catch(() => {});
      await removeModelFiles(dir, request.modelId);
      continue;
    }
    const start = plan.kind === 'append' ? plan.from : 0;
    const total = plan.totalBytes ?? request.expectedBytes;
    const room = checkRoom(request.modelName, total - Math.max(start, have), await estimateStorage());
    if (room) {
      await response.body?.cancel().catch(() => {});
      throw room;
    }
    const next: GgufRecord = { modelId: request.modelId, url: request.url, etag: facts.etag ?? record?.etag ?? null, totalBytes: plan.totalBytes };
    await writeRecord(dir, next).catch((error: unknown) => {
      throw writeError(error, request, total, signal);
    });
    onProgress(start, total);
    const written = await writeBody(dir, request, response, start, total, (loaded) => onProgress(loaded, Math.max(total, loaded)), signal);
    if (plan.totalBytes !== null && written !== plan.totalBytes) {
      throw appError('MODEL_DOWNLOAD_FAILED', { message: `The download ended early. ${RESUME_HINT}`, detail: `${written} of ${plan.totalBytes} bytes` });
    }
    if (plan.totalBytes === null) await writeRecord(dir, { ...next, totalBytes: written });
    onProgress(written, written);
    return finish(dir, request, written);
  }
  throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${request.url}: the server kept sending a different file than the partial one` });
}

/** Give the complete file its final name. Even a rename needs a little quota in Chromium; the complete
 *  partial stays, so the next try only renames. */
async function finish(dir: FileSystemDirectoryHandle, request: GgufDownload, totalBytes: number): Promise<File> {
  try {
    return await promotePartial(dir, request.modelId);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      throw appError('STORAGE_FULL', {
        message: `${request.modelName} is downloaded (${formatBytes(totalBytes)}), but storage is too full to finish storing it. Delete models you no longer use (Models → Delete), then try again.`,
        detail: describeError(error),
        cause: error,
      });
    }
    throw appError('STORAGE_FAILED', { detail: `finishing ${request.modelId}: ${describeError(error)}`, cause: error });
  }
}

async function get(url: string, from: number, signal: AbortSignal): Promise<Response> {
  try {
    // no-store: a Range request must reach the server, not a cached 200 of the whole file.
    return await fetch(url, { signal, cache: 'no-store', ...(from > 0 ? { headers: { Range: `bytes=${from}-` } } : {}) });
  } catch (error) {
    if (signal.aborted) throw appError('ABORTED');
    throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: ${describeError(error)}`, cause: error });
  }
}

function factsOf(response: Response): ResponseFacts {
  const length = response.headers.get('Content-Length');
  return {
    status: response.status,
    etag: response.headers.get('ETag'),
    contentRange: response.headers.get('Content-Range'),
    contentLength: length !== null && /^\d+$/.test(length) ? Number(length) : null,
  };
}

/** Append the body at `start`; returns the file's length after. A failure is mapped and, for quota, cleaned up. */
async function writeBody(
  dir: FileSystemDirectoryHandle,
  request: GgufDownload,
  response: Response,
  start: number,
  totalBytes: number,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<number> {
  if (!response.body) throw appError('MODEL_DOWNLOAD_FAILED', { detail: `${request.url}: empty response` });
  try {
    return await appendStream(dir, request.modelId, response.body, start, onProgress);
  } catch (error) {
    const failure = writeError(error, request, totalBytes, signal);
    if (failure.code === 'STORAGE_FULL') await removeModelFiles(dir, request.modelId).catch(() => {});
    throw failure;
  }
}

function writeError(error: unknown, request: GgufDownload, totalBytes: number, signal: AbortSignal): AppError {
  if (signal.aborted) return appError('ABORTED');
  if (error instanceof AppError) return error;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return appError('STORAGE_FULL', {
      message:
        `${request.modelName} needs ${formatBytes(totalBytes)} of storage, and the browser ran out of room while storing it; ` +
        'the unfinished download was deleted. Delete models you no longer use (Models → Delete), or free space on this device, then try again.',
      detail: describeError(error),
      cause: error,
    });
  }
  if (name === 'NoModificationAllowedError' || name === 'InvalidStateError') {
    // OPFS sync handles are exclusive: another tab of Hearth is writing this file.
    return appError('MODEL_DOWNLOAD_FAILED', {
      message: `${request.modelName} is being downloaded in another Hearth tab. Let it finish there, or close that tab and try again.`,
      detail: describeError(error),
      cause: error,
    });
  }
  return appError('MODEL_DOWNLOAD_FAILED', {
    message: `The download of ${request.modelName} stopped (did the network drop?). ${RESUME_HINT}`,
    detail: `${request.url}: ${describeError(error)}`,
    cause: error,
  });
}
