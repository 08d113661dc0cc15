/**
 * Text → index terms, the same way for documents and queries (a mismatch silently kills recall).
 * Latin words are folded (NFKC, lowercase, no diacritics), stop words dropped, Porter2-stemmed.
 * Other alphabets are only lowercased: an English stemmer would mangle them. CJK has no spaces, so
 * its runs become overlapping character bigrams, which is what Lucene's CJK analyzer does too.
 */
import { stemEnglish } from './stem-english';
import { EXTENDED_STOP_WORDS, LUCENE_STOP_WORDS } from './stopwords';

export type Analyzer = (text: string) => string[];

export interface AnalyzerOptions {
  /** Which stop list to drop; a custom list must be lowercase. Default 'extended'. */
  stopWords?: 'lucene' | 'extended' | 'none' | readonly string[];
  /** Porter2-stem Latin-script words. Default true. */
  stem?: boolean;
}

/**
 * Letters, digits and combining marks, joined across inner apostrophes ("o'neill", "don't") and
 * across a decimal point or thousands separator between digits ("3.5", "10,000").
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:(?:['\u2019]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]/u;
const CJK_OR_OTHER = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+/gu;
const LATIN_WITH_MARKS = /(\p{sc=Latin})\p{M}+/gu;
const STEMMABLE = /^[a-z']+$/;
/** Latin letters that carry no decomposable diacritic but that people type without one. */
const LATIN_FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const LATIN_FOLD_RE = /[ßæœøłđðþı]/g;
/** Longer "words" are hashes, base64 or URLs glued together: never useful terms, and they bloat the index. */
const MAX_TOKEN_LENGTH = 64;
const STEM_CACHE_LIMIT = 100_000;

function stopSet(choice: AnalyzerOptions['stopWords']): ReadonlySet<string> {
  if (choice === 'none') return new Set();
  if (choice === 'lucene') return new Set(LUCENE_STOP_WORDS);
  if (choice === undefined || choice === 'extended') return new Set(EXTENDED_STOP_WORDS);
  return new Set(choice);
}

/** Fold diacritics on Latin letters only: "café" → "cafe", but Cyrillic "й" stays "й". Non-ASCII input only. */
function foldLatin(token: string): string {
  const t = token.replace(/\u2019/g, "'").normalize('NFD').replace(LATIN_WITH_MARKS, '$1').normalize('NFC');
  return t.replace(LATIN_FOLD_RE, (c) => LATIN_FOLD[c] ?? c);
}

/** Overlapping bigrams of a CJK run ("東京都" → "東京", "京都"); a lone character is its own term. */
function cjkBigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push(chars[0] as string);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push((chars[i] as string) + (chars[i + 1] as string));
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stops = stopSet(options.stopWords);
  const stem = options.stem ?? true;
  const stemCache = new Map<string, string>();

  const stemmed = (word: string): string => {
    let s = stemCache.get(word);
    if (s === undefined) {
      s = stemEnglish(word).replaceAll("'", '');
      if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
      stemCache.set(word, s);
    }
    return s;
  };

  const addWord = (raw: string, ascii: boolean, out: string[]): void => {
    const word = ascii ? raw : foldLatin(raw);
    if (word.length === 0 || word.length > MAX_TOKEN_LENGTH) return;
    if (stops.has(word)) return;
    if (STEMMABLE.test(word)) {
      const s = stem ? stemmed(word) : word.replaceAll("'", '');
      if (s.length > 0) out.push(s);
      return;
    }
    out.push(word.replaceAll("'", ''));
  };

  return (text: string): string[] => {
    const out: string[] = [];
    if (!text) return out;
    const normalized = NON_ASCII.test(text) ? text.normalize('NFKC').toLowerCase() : text.toLowerCase();
    for (const match of normalized.matchAll(TOKEN)) {
      const token = match[0];
      const ascii = !NON_ASCII.test(token);
      if (!ascii && CJK_CHAR.test(token)) {
        for (const part of token.matchAll(CJK_OR_OTHER)) {
          const run = part[0];
          if (CJK_CHAR.test(run)) cjkBigrams(run, out);
          else addWord(run, false, out);
        }
      } else {
        addWord(token, ascii, out);
      }
    }
    return out;
  };
}

/** The analyzer every index in the app uses (settings chosen on SciFact train; see bench/retrieval). */
export const analyze: Analyzer = createAnalyzer();
