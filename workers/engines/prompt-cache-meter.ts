/**
 * A bound on the CPU engine's memory for earlier prompts. llama.cpp's server code inside wllama keeps a
 * copy of the KV state of every earlier prompt it moves away from (its "prompt cache", up to 8 GiB by
 * default), and wllama 3.8 offers no option to limit or turn it off. In WebAssembly that memory is
 * never given back: the soak (`npm run soak`) saw the engine's memory grow by about a megabyte per new
 * question and never level off. So the engine estimates what the cache holds, from the model's own
 * shape, and is restarted (the model re-read from its stored file) while idle once the estimate passes
 * a budget. Restarting is the only way to give WebAssembly memory back.
 */
import type { GgufHeader } from '../downloads/gguf-header';
import { headWidths, numberAt, type KvCacheOptions } from './kv-cache';

const MIB = 1024 * 1024;
/** Per-model bounds for the cache budget: a quarter of the model file, within these. */
export const MIN_BUDGET_BYTES = 32 * MIB;
export const MAX_BUDGET_BYTES = 256 * MIB;
/** What a saved state holds besides the tokens' keys and values (logits, headers), rounded up. */
const STATE_OVERHEAD_BYTES = MIB;
/** For a model whose header does not give its shape: about a 1B model's f16 cache per token. */
const UNKNOWN_BYTES_PER_TOKEN = 32 * 1024;

/** Bytes one token takes in the KV cache: layers × KV heads × (key + value width) × element size. */
export function kvBytesPerToken(header: GgufHeader | null, cache: KvCacheOptions): number {
  const arch = header?.metadata.get('general.architecture');
  if (!header || typeof arch !== 'string') return UNKNOWN_BYTES_PER_TOKEN;
  const layers = numberAt(header, `${arch}.block_count`);
  const heads = numberAt(header, `${arch}.attention.head_count`);
  // Per-layer KV head counts are stored as an array (not read): then assume every head has its own KV.
  const kvHeads = numberAt(header, `${arch}.attention.head_count_kv`) ?? heads;
  const widths = headWidths(header);
  if (!layers || !kvHeads || !widths) return UNKNOWN_BYTES_PER_TOKEN;
  const elementBytes = cache.cache_type_k === 'q8_0' ? 34 / 32 : 2;
  return Math.ceil(layers * kvHeads * (widths.key + widths.value) * elementBytes);
}

export function budgetFor(modelBytes: number): number {
  return Math.min(MAX_BUDGET_BYTES, Math.max(MIN_BUDGET_BYTES, Math.floor(modelBytes / 4)));
}

/**
 * Follows what llama.cpp keeps. When a request comes, llama.cpp compares its prompt with the one the
 * engine holds: if less than half of the held tokens are reused (the new prompt is not a follow-up of
 * the held one), the held prompt with its answer is copied into the cache. The token-count pass reports
 * how many tokens were reused, so the meter sees the same thing llama.cpp decided on.
 */
export class PromptCacheMeter {
  readonly #bytesPerToken: number;
  readonly #budget: number;
  /** Tokens in the engine's context after the last request (its prompt and answer). */
  #held = 0;
  #cached = 0;

  constructor(bytesPerToken: number, budgetBytes: number) {
    this.#bytesPerToken = bytesPerToken;
    this.#budget = budgetBytes;
  }

  /** Estimated bytes the engine holds for earlier prompts. */
  get cachedBytes(): number {
    return this.#cached;
  }

  #stateBytes(tokens: number): number {
    return tokens * this.#bytesPerToken + STATE_OVERHEAD_BYTES;
  }

  /** A request started: `reused` of the held tokens were kept (llama.cpp's count; unknown = none). */
  started(reused: number | undefined): void {
    if (this.#held > 0 && (reused ?? 0) < this.#held / 2) this.#cached += this.#stateBytes(this.#held);
  }

  /** A request ended with `tokens` in the engine's context (prompt and answer). */
  finished(tokens: number): void {
    this.#held = tokens;
  }

  /** True when the next new prompt would take the cache past its budget: restart while idle. */
  shouldRestart(): boolean {
    const next = this.#held > 0 ? this.#stateBytes(this.#held) : 0;
    return this.#cached + next > this.#budget;
  }

  /** After a restart the engine holds nothing. */
  reset(): void {
    this.#held = 0;
    this.#cached = 0;
  }
}
