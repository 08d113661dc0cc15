/**
 * The tiny BERT's tokenizer: a small WordPiece vocabulary (~2,500 entries) and the four JSON files
 * transformers.js reads, laid out like a real uncased BERT's (BertNormalizer lowercase,
 * BertPreTokenizer, [CLS] … [SEP] TemplateProcessing, WordPiece decoder). Every lowercase ASCII
 * word tokenizes without [UNK] because every letter and ##letter is in the vocabulary.
 */
import { ENGLISH_WORDS } from './english-words.ts';

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SUFFIXES = [
  's', 'es', 'ed', 'ing', 'ly', 'er', 'ers', 'est', 'ion', 'tion', 'tions', 'sion', 'ment', 'ments', 'ness',
  'able', 'ible', 'ful', 'less', 'al', 'ity', 'ive', 'ous', 'ize', 'ise', 'ies', 'ied', 'ish', 'ism', 'ist',
];

/** Token strings in id order: specials first (so [PAD] is 0), then characters, words, subwords. */
export function buildWordPieceVocab(): string[] {
  const tokens: string[] = [...SPECIAL_TOKENS];
  const seen = new Set(tokens);
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  for (const ch of PUNCTUATION + DIGITS + LETTERS) add(ch);
  for (const ch of DIGITS + LETTERS) add(`##${ch}`);
  for (const word of ENGLISH_WORDS) add(word);
  for (const suffix of SUFFIXES) add(`##${suffix}`);
  // Letter pairs, whole-word and continuation, so unknown words split into fewer pieces.
  for (const a of LETTERS) for (const b of LETTERS) add(a + b);
  for (const a of LETTERS) for (const b of LETTERS) add(`##${a}${b}`);
  return tokens;
}

/** tokenizer.json in the Hugging Face `tokenizers` format. */
export function wordPieceTokenizerJson(vocab: readonly string[]): object {
  const id = (t: string) => vocab.indexOf(t);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export const SPECIAL_TOKENS_MAP = {
  cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]',
};

export function wordPieceTokenizerConfig(modelMaxLength: number): object {
  return {
    ...SPECIAL_TOKENS_MAP,
    clean_up_tokenization_spaces: true,
    do_lower_case: true,
    model_max_length: modelMaxLength,
    strip_accents: null,
    tokenize_chinese_chars: true,
    tokenizer_class: 'BertTokenizer',
  };
}
