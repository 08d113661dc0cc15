import { describe, expect, it } from 'vitest';
import { buildBpeVocab, byteSymbols, TOKEN_TYPE } from './bpe-vocab.ts';
import { SMOLLM2, SMOLLM2_SPECIAL_TOKENS } from './specs.ts';
import { SPECIAL_TOKENS, buildWordPieceVocab, wordPieceTokenizerJson } from './wordpiece-vocab.ts';

describe('byte-level BPE vocabulary (GGUF twin)', () => {
  const vocab = buildBpeVocab(SMOLLM2.shape.vocabSize, SMOLLM2_SPECIAL_TOKENS);

  it('has the published size, unique tokens, and control tokens at their published ids', () => {
    expect(vocab.tokens.length).toBe(49152);
    expect(new Set(vocab.tokens).size).toBe(49152);
    expect(vocab.types.length).toBe(49152);
    expect(vocab.tokens[SMOLLM2.tokenizer.bos]).toBe('<|im_start|>');
    expect(vocab.tokens[SMOLLM2.tokenizer.eos]).toBe('<|im_end|>');
    expect(vocab.types.slice(0, SMOLLM2_SPECIAL_TOKENS.length).every((t) => t === TOKEN_TYPE.CONTROL)).toBe(true);
  });

  it('covers all 256 bytes, so any text tokenizes (llama.cpp needs "\\n" = Ċ)', () => {
    const bytes = byteSymbols();
    expect(new Set(bytes).size).toBe(256);
    const index = new Set(vocab.tokens);
    expect(bytes.filter((b) => !index.has(b))).toEqual([]);
    expect(index.has('Ċ')).toBe(true); // byte 10 in GPT-2's table
  });

  it('gives every merged token a merge whose parts are tokens', () => {
    const index = new Set(vocab.tokens);
    expect(vocab.merges.length).toBe(49152 - SMOLLM2_SPECIAL_TOKENS.length - 256);
    const broken = vocab.merges.filter((m) => {
      const [a = '', b = '', ...rest] = m.split(' ');
      return rest.length > 0 || !index.has(a) || !index.has(b) || !index.has(a + b);
    });
    expect(broken).toEqual([]);
    expect(vocab.tokens).toContain('Ġthe');
  });

  it('stops at the size asked for', () => {
    expect(buildBpeVocab(600, SMOLLM2_SPECIAL_TOKENS).tokens.length).toBe(600);
  });
});

describe('WordPiece vocabulary (tiny BERT)', () => {
  const vocab = buildWordPieceVocab();

  it('puts the specials first and holds a few thousand unique entries', () => {
    expect(vocab.slice(0, 5)).toEqual([...SPECIAL_TOKENS]);
    expect(new Set(vocab).size).toBe(vocab.length);
    expect(vocab.length).toBeGreaterThan(2000);
    expect(vocab.length).toBeLessThan(5000);
  });

  it('has every letter and digit whole and as ##continuation, so plain words never become [UNK]', () => {
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') {
      expect(vocab).toContain(ch);
      expect(vocab).toContain(`##${ch}`);
    }
  });

  it('writes a tokenizer.json shaped like a real uncased BERT', () => {
    const json = wordPieceTokenizerJson(vocab) as Record<string, any>;
    expect(json.normalizer).toMatchObject({ type: 'BertNormalizer', lowercase: true });
    expect(json.pre_tokenizer.type).toBe('BertPreTokenizer');
    expect(json.post_processor.special_tokens['[CLS]'].ids).toEqual([2]);
    expect(json.model.vocab['[PAD]']).toBe(0);
    expect(Object.keys(json.model.vocab).length).toBe(vocab.length);
  });
});
