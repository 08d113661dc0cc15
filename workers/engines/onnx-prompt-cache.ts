/**
 * The ONNX engine's memory of what it already read: the caches transformers.js returns from a
 * generation (`return_dict_in_generate`) and the token ids they cover, handed back to a later
 * generation whose prompt starts with those tokens — a follow-up in the same conversation then reads
 * only its new tokens, as llama.cpp's prompt cache does for wllama.
 *  - The caches cover every token fed to the model: the prompt and the answer but its last token
 *    (sampled, never fed).
 *  - The last few generations are kept (`KEEP`), newest first, as llama.cpp keeps earlier prompts:
 *    between an answer and its follow-up the app has the model rewrite the follow-up into a search
 *    query, a generation of its own. Their tensors live in the WASM engine's JavaScript heap: about
 *    25 KB a token for Qwen2.5-0.5B or LFM2-700M (float32 keys and values).
 *  - Attention caches can be cut back to a shorter common start (a Slice on the sequence axis); a
 *    short-convolution cache (LFM2's past_conv) holds only the last 3 positions, so it is reused
 *    only when the new prompt starts with everything it covers.
 *  - A prompt that shares no usable start with any kept generation is read afresh.
 */
import { DynamicCache, type Tensor } from '@huggingface/transformers';

export interface CacheHit {
  /** The caches to pass to generate, covering `reused` tokens; null to read the prompt afresh. */
  pastKeyValues: DynamicCache | null;
  reused: number;
}

interface Entry {
  tokens: bigint[];
  cache: DynamicCache;
}

/** Generations kept: an answer, the query rewrite after it, and one more. */
const KEEP = 3;

/** The cache entries of attention layers (the ones with a sequence axis). */
const isAttention = (name: string) => name.startsWith('past_key_values.');

function commonStart(a: readonly bigint[], b: readonly bigint[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Tokens of `entry` that a generation of `ids` can start from (0: none). */
function usable(entry: Entry, ids: readonly bigint[]): number {
  // At least one token must be left to read, so the model yields the next token's logits.
  const common = Math.min(commonStart(entry.tokens, ids), ids.length - 1);
  if (common === entry.tokens.length) return common;
  return Object.keys(entry.cache).every(isAttention) ? common : 0;
}

export class OnnxPromptCache {
  #entries: Entry[] = [];

  /**
   * What to hand to the generation of `ids`: a copy of the kept generation it can reuse most of (the
   * same tensors, or their first `reused` positions). The kept one stays as it was: generate replaces
   * the copy's tensors, never changes them, so a later prompt can still start from it.
   */
  take(ids: readonly bigint[]): CacheHit {
    let best: Entry | null = null;
    let reused = 0;
    for (const entry of this.#entries) {
      const n = usable(entry, ids);
      if (n > reused) [best, reused] = [entry, n];
    }
    if (!best) return { pastKeyValues: null, reused: 0 };
    const entries = best.cache as unknown as Record<string, Tensor>;
    const copy: Record<string, Tensor> = {};
    for (const name of Object.keys(entries)) {
      copy[name] = reused === best.tokens.length ? entries[name]! : entries[name]!.slice(null, null, [0, reused], null);
    }
    return { pastKeyValues: new DynamicCache(copy), reused };
  }

  /** Keeps the caches of a finished generation: `sequence` is the prompt and every sampled token. */
  keep(cache: DynamicCache, sequence: readonly bigint[]): void {
    this.#entries.unshift({ cache, tokens: sequence.slice(0, -1) });
    for (const old of this.#entries.splice(KEEP)) void old.cache.dispose();
  }

  clear(): void {
    for (const entry of this.#entries) void entry.cache.dispose();
    this.#entries = [];
  }
}
