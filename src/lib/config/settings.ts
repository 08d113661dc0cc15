/**
 * User and deployment settings, kept in localStorage so they are there before anything loads.
 * `catalogUrl` and `modelBaseUrl` are how an organization points Hearth at its own mirror.
 */
export interface Settings {
  /** A catalog to use instead of the built-in models.json (absolute URL), or null. */
  catalogUrl: string | null;
  /** A base URL for model files in Hugging Face layout, overriding the catalog's, or null. */
  modelBaseUrl: string | null;
  /** The chosen LLM, or null for the device's recommendation. */
  llmId: string | null;
  /**
   * The chosen embedding model, or null: then a new library starts with the recommended one
   * (device/recommend-embedder.ts) and an existing library keeps the one it was embedded with.
   */
  embedderId: string | null;
  /** Passages given to the model per question. */
  topK: number;
  /** Reorder passages with a cross-encoder: 'auto' turns it on only on strong devices. */
  rerank: 'auto' | 'on' | 'off';
  /** Sampling: 0 always picks the likeliest token; higher is more varied. */
  temperature: number;
  /** Nucleus sampling: only tokens within this cumulative probability are considered. */
  topP: number;
  /** The longest answer, in tokens (the context window may allow fewer). */
  maxAnswerTokens: number;
}

const KEY = 'hearth.settings';

export const DEFAULT_SETTINGS: Settings = { catalogUrl: null, modelBaseUrl: null, llmId: null, embedderId: null, topK: 4, rerank: 'auto', temperature: 0.2, topP: 0.9, maxAnswerTokens: 384 };

/** Allowed ranges of the sampling settings: what the Settings dialog accepts and what is read back. */
export const SAMPLING_LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.05, max: 1 },
  maxAnswerTokens: { min: 16, max: 4096 },
} as const;

export function readSettings(storage: Pick<Storage, 'getItem'> = localStorage): Settings {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    const parsed = JSON.parse(raw) as Partial<Settings>;
    return {
      catalogUrl: typeof parsed.catalogUrl === 'string' && parsed.catalogUrl ? parsed.catalogUrl : null,
      modelBaseUrl: typeof parsed.modelBaseUrl === 'string' && parsed.modelBaseUrl ? parsed.modelBaseUrl : null,
      llmId: typeof parsed.llmId === 'string' && parsed.llmId ? parsed.llmId : null,
      embedderId: typeof parsed.embedderId === 'string' && parsed.embedderId ? parsed.embedderId : null,
      topK: typeof parsed.topK === 'number' && parsed.topK >= 1 && parsed.topK <= 10 ? Math.round(parsed.topK) : DEFAULT_SETTINGS.topK,
      rerank: parsed.rerank === 'on' || parsed.rerank === 'off' ? parsed.rerank : 'auto',
      temperature: inRange(parsed.temperature, SAMPLING_LIMITS.temperature) ?? DEFAULT_SETTINGS.temperature,
      topP: inRange(parsed.topP, SAMPLING_LIMITS.topP) ?? DEFAULT_SETTINGS.topP,
      maxAnswerTokens: inRange(parsed.maxAnswerTokens, SAMPLING_LIMITS.maxAnswerTokens) !== null ? Math.round(parsed.maxAnswerTokens as number) : DEFAULT_SETTINGS.maxAnswerTokens,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function writeSettings(settings: Settings, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(settings));
}

/** A URL setting must be http(s); anything else is refused before it is stored. */
export function validUrlOrNull(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function inRange(value: unknown, { min, max }: { min: number; max: number }): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}
