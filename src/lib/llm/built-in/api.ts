/**
 * The part of the Prompt API (webmachinelearning/prompt-api, `LanguageModel`) that Hearth uses, typed
 * from the spec's IDL: TypeScript's DOM library has no types for it. The spec exposes it to windows
 * in secure contexts only (`[Exposed=Window, SecureContext]`; Chromium gates workers behind a separate
 * feature that is off for web pages), so only the page ever calls it.
 *
 * Names changed across Chrome versions: `inputQuota` / `inputUsage` / `measureInputUsage()` became
 * `contextWindow` / `contextUsage` / `measureContextUsage()`; the old names remain in extension
 * contexts only. Both are read here, the new ones first. `params()`, `temperature` and `topK` are
 * for extensions (ignored in pages), so Hearth does not pass them; `samplingMode` is the page option.
 */

export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export const AVAILABILITY_VALUES: readonly Availability[] = ['unavailable', 'downloadable', 'downloading', 'available'];

export type SamplingMode = 'most-predictable' | 'predictable' | 'balanced' | 'creative' | 'most-creative';

export interface LanguageModelExpected {
  type: 'text';
  languages?: string[];
}

export interface LanguageModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LanguageModelCreateCoreOptions {
  expectedInputs?: LanguageModelExpected[];
  expectedOutputs?: LanguageModelExpected[];
  samplingMode?: SamplingMode;
}

/** Fires `downloadprogress` (a ProgressEvent whose `loaded` runs from 0 to 1, `total` 1). */
export type CreateMonitor = EventTarget;

export interface LanguageModelCreateOptions extends LanguageModelCreateCoreOptions {
  signal?: AbortSignal;
  monitor?: (monitor: CreateMonitor) => void;
  initialPrompts?: LanguageModelMessage[];
}

export interface LanguageModelPromptOptions {
  signal?: AbortSignal;
}

export interface LanguageModelSession {
  promptStreaming(input: string | LanguageModelMessage[], options?: LanguageModelPromptOptions): ReadableStream<string>;
  measureContextUsage?(input: string | LanguageModelMessage[], options?: LanguageModelPromptOptions): Promise<number>;
  /** Deprecated name of `measureContextUsage` (extensions only, older Chrome). */
  measureInputUsage?(input: string | LanguageModelMessage[], options?: LanguageModelPromptOptions): Promise<number>;
  readonly contextWindow?: number;
  /** Deprecated name of `contextWindow`. */
  readonly inputQuota?: number;
  readonly contextUsage?: number;
  /** Deprecated name of `contextUsage`. */
  readonly inputUsage?: number;
  destroy(): void;
}

export interface LanguageModelStatic {
  availability(options?: LanguageModelCreateCoreOptions): Promise<Availability>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

/** The browser's `LanguageModel`, or null when it has none (another browser, an older Chrome, a worker). */
export function languageModelOf(scope: object = globalThis): LanguageModelStatic | null {
  const api = (scope as { LanguageModel?: Partial<LanguageModelStatic> }).LanguageModel;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? (api as LanguageModelStatic) : null;
}

/** The session's context window in tokens: `contextWindow`, else the older `inputQuota`; null when neither is a number. */
export function contextWindowOf(session: Pick<LanguageModelSession, 'contextWindow' | 'inputQuota'>): number | null {
  const value = session.contextWindow ?? session.inputQuota;
  return typeof value === 'number' && value > 0 ? value : null;
}

/** What `text` takes of the session's context window, by whichever name this browser has; null when it has neither. */
export function measureUsage(session: LanguageModelSession, input: string | LanguageModelMessage[], signal: AbortSignal): Promise<number> | null {
  if (typeof session.measureContextUsage === 'function') return session.measureContextUsage(input, { signal });
  if (typeof session.measureInputUsage === 'function') return session.measureInputUsage(input, { signal });
  return null;
}

/** How much of the context window the session holds already (its initial prompts); 0 when the browser does not say. */
export function usageOf(session: Pick<LanguageModelSession, 'contextUsage' | 'inputUsage'>): number {
  const value = session.contextUsage ?? session.inputUsage;
  return typeof value === 'number' && value >= 0 ? value : 0;
}
