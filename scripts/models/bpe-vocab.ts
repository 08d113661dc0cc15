/**
 * A GPT-2-style byte-level BPE vocabulary for the GGUF twin (tokenizer.ggml.model "gpt2"):
 * special tokens, the 256 byte symbols, then merge-built tokens (common words, with and without
 * the leading-space marker "Ġ", then letter strings) until the vocabulary has the published size.
 * Every multi-symbol token comes with the merge that builds it, so llama.cpp's BPE can reach it.
 */
import { ENGLISH_WORDS } from './english-words.ts';

/** llama.cpp token types (llama_token_type). */
export const TOKEN_TYPE = { NORMAL: 1, CONTROL: 3 } as const;

/** GPT-2's byte → printable-character table (bytes_to_unicode), in GPT-2's own order. */
export function byteSymbols(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const symbols = printable.map((b) => String.fromCodePoint(b));
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) symbols.push(String.fromCodePoint(256 + n++));
  }
  return symbols;
}

export interface BpeVocab {
  tokens: string[];
  types: number[];
  merges: string[];
}

/**
 * @param size total number of tokens (49152 for SmolLM2)
 * @param specials control tokens placed first, in id order
 */
export function buildBpeVocab(size: number, specials: readonly string[]): BpeVocab {
  const tokens: string[] = [];
  const types: number[] = [];
  const merges: string[] = [];
  const index = new Set<string>();
  const push = (t: string, type: number) => {
    index.add(t);
    tokens.push(t);
    types.push(type);
  };
  for (const s of specials) push(s, TOKEN_TYPE.CONTROL);
  for (const s of byteSymbols()) push(s, TOKEN_TYPE.NORMAL);

  /** Adds `word` and every prefix it needs, each with the merge (prefix, last symbol). */
  const addChain = (symbols: string[]) => {
    let prefix = symbols[0]!;
    for (let i = 1; i < symbols.length && tokens.length < size; i++) {
      const next = prefix + symbols[i]!;
      if (!index.has(next)) {
        merges.push(`${prefix} ${symbols[i]}`);
        push(next, TOKEN_TYPE.NORMAL);
      }
      prefix = next;
    }
  };
  for (const word of ENGLISH_WORDS) {
    addChain(['Ġ', ...word]);
    addChain([...word]);
  }
  // Fill with letter strings of growing length; each one's prefix is already in (shorter first).
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let layer = ['Ġ', ...letters];
  while (tokens.length < size) {
    const nextLayer: string[] = [];
    for (const stem of layer) {
      for (const ch of letters) {
        if (tokens.length >= size) break;
        addChain([stem, ch]);
        nextLayer.push(stem + ch);
      }
    }
    layer = nextLayer;
  }
  return { tokens, types, merges };
}
