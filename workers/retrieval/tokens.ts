/**
 * Token counts by the model's own tokenizer, so chunks are sized to what the embedder reads rather
 * than guessed from characters. Shared by the embedder and the GPU embedder's stand-in on the
 * library worker (library/gpu-embedder.ts), which counts locally while the GPU embeds elsewhere.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';

type Tokenizer = Pick<PreTrainedTokenizer, 'encode' | 'model_max_length'>;

/** Tokens the model sees for a passage: its prefix and special tokens included. */
export function passageTokens(tokenizer: Tokenizer, model: Pick<EmbedderModel, 'passagePrefix'>, text: string): number {
  return tokenizer.encode(model.passagePrefix + text).length;
}

/** The most tokens the model reads of one passage; the rest would be cut off silently. */
export function maxPassageTokens(tokenizer: Tokenizer, model: Pick<EmbedderModel, 'contextLength'>): number {
  const declared = Number(tokenizer.model_max_length);
  return Math.min(model.contextLength, Number.isFinite(declared) && declared > 0 ? declared : Infinity);
}
