/**
 * Maps whatever transformers.js (or the network under it) throws while loading a model to the app's
 * error codes, so the page can tell "file missing at the model source" from "offline" from "broken".
 */
import { AppError, appError } from '../../src/lib/errors';

/**
 * @param role What the model is for, as the user would say it ("embedding model", "reranking model").
 * @returns MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED or MODEL_LOAD_FAILED; an AppError passes through.
 */
export function mapLoadError(error: unknown, model: { name: string }, role: string): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/could not locate file|404|not found/i.test(text)) {
    return appError('MODEL_FILE_NOT_FOUND', {
      message: `A file of the ${role} “${model.name}” could not be found. Check the model source in Settings.`,
      detail: text,
    });
  }
  if (/fetch|network/i.test(text)) return appError('MODEL_DOWNLOAD_FAILED', { detail: text });
  return appError('MODEL_LOAD_FAILED', { detail: text });
}
