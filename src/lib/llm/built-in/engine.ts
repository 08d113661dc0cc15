/**
 * The browser's own model as an engine, on the page: the same `AnswerEngine` contract as the LLM
 * worker's engines (same request, same streamed pieces, same result and stats, same Stop), so the
 * chat's prompt and streaming path does not know which one answers.
 *
 * `load` creates one session and keeps it (the browser keeps its model in memory while a session
 * lives; it also tells the context window). Each answer gets a fresh session of its own: the system
 * rules and earlier turns as its initial prompts (the only place the spec allows a system message),
 * the question streamed with `promptStreaming`, then the session is destroyed.
 *
 * The Prompt API has no option for the answer's length: the stream is cancelled after `maxTokens`
 * pieces (a piece is a token or a few). Temperature maps to a `samplingMode` preset; top-p has no
 * counterpart in pages and is not used.
 */
import type { PromptApiModel } from '../../catalog/types';
import { appError } from '../../errors';
import { GenerationClock } from '../generation-clock';
import type { AnswerEngine, FinishReason, GeneratePayload, GenerateResult } from '../../../../workers/llm.protocol';
import { contextWindowOf, measureUsage, usageOf, type LanguageModelSession, type LanguageModelStatic } from './api';
import { expectations } from './detect';
import { promptApiError } from './errors';
import { samplingModeFor, sessionPrompts } from './prompts';

export interface BuiltInLoadResult {
  modelId: string;
  engine: 'prompt-api';
  /** The browser's context window (tokens); may be Infinity where the browser sets no limit. */
  contextLength: number;
}

export class PromptApiEngine implements AnswerEngine {
  readonly id = 'prompt-api';
  readonly #api: LanguageModelStatic;
  #base: LanguageModelSession | null = null;
  #model: PromptApiModel | null = null;

  constructor(api: LanguageModelStatic) {
    this.#api = api;
  }

  /**
   * Create the kept session. Where the browser still has to download its model, this starts that
   * download (it needs a click on the page first), and `onProgress` gets its fraction (0…1).
   * @throws AppError ABORTED, BUILT_IN_MODEL_UNAVAILABLE, BUILT_IN_MODEL_NOT_ALLOWED,
   *   MODEL_DOWNLOAD_FAILED, MODEL_LOAD_FAILED
   */
  async load(model: PromptApiModel, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<BuiltInLoadResult> {
    await this.unload();
    let session: LanguageModelSession;
    try {
      session = await this.#api.create({
        ...expectations(model.expectedLanguages),
        signal,
        monitor: (monitor) => monitor.addEventListener('downloadprogress', (event) => onProgress((event as ProgressEvent).loaded)),
      });
    } catch (error) {
      throw signal.aborted ? appError('ABORTED') : promptApiError(error, 'load');
    }
    const contextLength = contextWindowOf(session);
    if (signal.aborted || contextLength === null) {
      session.destroy();
      throw signal.aborted ? appError('ABORTED') : appError('MODEL_LOAD_FAILED', { detail: "the browser's session has no contextWindow (nor inputQuota)" });
    }
    this.#base = session;
    this.#model = model;
    return { modelId: model.id, engine: 'prompt-api', contextLength };
  }

  async generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult> {
    const base = this.#base;
    const model = this.#model;
    if (!base || !model) throw appError('GENERATION_FAILED', { detail: 'no model is loaded' });
    const clock = new GenerationClock();
    let text = '';
    let promptTokens = 0;
    const aborted = (): GenerateResult => ({ text, finishReason: 'aborted', stats: clock.stats(promptTokens) });
    if (signal.aborted) return aborted();
    const { initialPrompts, input } = sessionPrompts(request.messages);

    let session: LanguageModelSession;
    try {
      session = await this.#api.create({
        ...expectations(model.expectedLanguages),
        samplingMode: samplingModeFor(request.temperature),
        initialPrompts,
        signal,
      });
    } catch (error) {
      if (signal.aborted) return aborted();
      throw promptApiError(error, 'session');
    }
    try {
      // What the initial prompts took, plus the question: the answer gets what is left, at most maxTokens.
      promptTokens = usageOf(session) + ((await measureUsage(session, input, signal)) ?? 0);
      const window = contextWindowOf(session) ?? contextWindowOf(base) ?? Infinity;
      const room = window - promptTokens;
      if (room < 1) throw appError('PROMPT_TOO_LONG', { detail: `${promptTokens} prompt tokens, context window ${window}` });
      const maxPieces = Math.max(1, Math.min(Math.floor(request.maxTokens), room));

      let finishReason: FinishReason = 'stop';
      const reader = session.promptStreaming(input, { signal }).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) break;
        if (value) {
          text += value;
          clock.token();
          onToken(value);
        }
        if (clock.tokens >= maxPieces) {
          finishReason = 'length';
          await reader.cancel().catch(() => {});
          break;
        }
      }
      return signal.aborted ? aborted() : { text, finishReason, stats: clock.stats(promptTokens) };
    } catch (error) {
      if (signal.aborted) return aborted();
      throw promptApiError(error, 'prompt');
    } finally {
      session.destroy();
    }
  }

  async unload(): Promise<void> {
    const base = this.#base;
    this.#base = null;
    this.#model = null;
    base?.destroy();
  }

  isLoaded(): boolean {
    return this.#base !== null;
  }
}
