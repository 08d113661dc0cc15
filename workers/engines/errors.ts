/**
 * Turning whatever an engine throws into an AppError with a code the UI and the tests rely on. Engines
 * and their runtimes report failures as free text; these are the patterns both engines share
 * (aborts, downloads, memory, context size). web-llm's named errors are in `webllm-errors.ts`.
 */
import { appError, AppError, ERROR_CODES } from '../../src/lib/errors';

export type EnginePhase = 'load' | 'generate';


/** `Name: message` of any thrown value, short enough for a log line. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}…` : text;
}

function nameOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
}

/**
 * Recognize the failures every engine can meet. Returns null for anything else, so the caller can
 * try engine-specific rules and then fall back to its own default.
 */
export function classifyCommon(error: unknown, phase: EnginePhase): AppError | null {
  if (error instanceof AppError) return error;
  const name = nameOf(error);
  const text = describeError(error);
  const detail = text;
  const opts = { detail, cause: error };

  if (name === 'AbortError' || /\bAbortError\b|Operation aborted|aborted by the user/i.test(text)) return appError('ABORTED', opts);
  if (name === 'QuotaExceededError' || /QuotaExceeded|quota (has been )?exceeded/i.test(text)) return appError('STORAGE_FULL', opts);
  if (
    /out of memory|OutOfMemory|Cannot allocate WebAssembly\.Memory|Array buffer allocation failed|Aborted\(OOM\)|failed to allocate|bad_alloc/i.test(text)
  ) {
    return appError('OUT_OF_MEMORY', opts);
  }
  if (/exceeds the available context size|ContextWindowSizeExceeded|exceed_context_size/i.test(text)) {
    return appError('PROMPT_TOO_LONG', opts);
  }
  if (phase === 'load') {
    // A 404, or an SPA fallback that answered with index.html where a model file should be.
    if (/\b(HTTP|status) 40[34]\b|\b404\b|Not Found|Unexpected token '<'|<!doctype/i.test(text)) {
      return appError('MODEL_FILE_NOT_FOUND', opts);
    }
    if (/Failed to fetch|NetworkError|Load failed|network|Request failed|ERR_|ECONNREFUSED|HTTP 5\d\d|status 5\d\d/i.test(text)) {
      return appError('MODEL_DOWNLOAD_FAILED', opts);
    }
  }
  return null;
}

/** The default when nothing more specific matched. */
export function fallbackError(error: unknown, phase: EnginePhase): AppError {
  return appError(phase === 'load' ? 'MODEL_LOAD_FAILED' : 'GENERATION_FAILED', { detail: describeError(error), cause: error });
}

/** Map an error from a fetch we made ourselves (status known) to an AppError, or null when it is fine. */
export function httpStatusError(url: string, status: number): AppError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 404 || status === 410 || status === 403) {
    return appError('MODEL_FILE_NOT_FOUND', { detail: `${url}: HTTP ${status}` });
  }
  return appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: HTTP ${status}` });
}

/**
 * When a runtime only says "a download failed" (the Cache API does not say which file or why), ask
 * each file the model needs for its status: the first missing one becomes MODEL_FILE_NOT_FOUND with
 * its URL, an unreachable host MODEL_DOWNLOAD_FAILED. Returns null when every file answers 2xx.
 */
export async function diagnoseDownload(urls: string[], fetchImpl: typeof fetch = fetch): Promise<AppError | null> {
  for (const url of urls) {
    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'HEAD', cache: 'no-store' });
    } catch (cause) {
      return appError('MODEL_DOWNLOAD_FAILED', { detail: `${url}: ${describeError(cause)}`, cause });
    }
    if (response.status === 405 || response.status === 501) continue; // host without HEAD: no verdict
    const error = httpStatusError(url, response.status);
    if (error) return error;
  }
  return null;
}
