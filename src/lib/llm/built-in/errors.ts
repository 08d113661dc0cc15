/**
 * What the Prompt API throws (DOMExceptions, named by the spec's tables) as AppErrors with codes.
 * `phase`: 'load' is the first `create()`, 'session' the `create()` of each answer's session,
 * 'prompt' the streaming of an answer.
 */
import { AppError, appError, type ErrorCode } from '../../errors';

export type PromptApiPhase = 'load' | 'session' | 'prompt';

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}…` : text;
}

function codeFor(name: string, phase: PromptApiPhase): ErrorCode {
  switch (name) {
    case 'AbortError':
      return 'ABORTED';
    // The options (languages) are not supported, or the browser's model is not there now; while
    // prompting: the text is in a language the browser's model does not handle.
    case 'NotSupportedError':
      return phase === 'prompt' ? 'BUILT_IN_LANGUAGE_UNSUPPORTED' : 'BUILT_IN_MODEL_UNAVAILABLE';
    // No user activation when a download is needed, the user declined it, or a setting or policy.
    case 'NotAllowedError':
      return 'BUILT_IN_MODEL_NOT_ALLOWED';
    // The browser's own download failed or was cancelled.
    case 'NetworkError':
      return 'MODEL_DOWNLOAD_FAILED';
    // The prompt (or the initial prompts) do not fit the context window.
    case 'QuotaExceededError':
      return 'PROMPT_TOO_LONG';
    // The browser filtered the model's output.
    case 'NotReadableError':
      return 'ANSWER_WITHHELD';
    default:
      return phase === 'load' ? 'MODEL_LOAD_FAILED' : 'GENERATION_FAILED';
  }
}

export function promptApiError(error: unknown, phase: PromptApiPhase): AppError {
  if (error instanceof AppError) return error;
  return appError(codeFor(nameOf(error), phase), { detail: describe(error), cause: error });
}
