/**
 * Text → index terms, the same way for documents and queries (a mismatch silently kills recall).
 * Latin words are folded (NFKC, lowercase, no diacritics except on Vietnamese words), stop words
 * dropped, Porter2-stemmed. Other alphabets are only lowercased: an English stemmer would mangle
 * them. CJK has no spaces, so its runs become overlapping character bigrams, which is what Lucene's
 * CJK analyzer does too. Thai, Lao, Khmer and Myanmar have no spaces between words either; ICU's
 * dictionary segmenter cuts them into words (segment.ts).
 *
 * Compound tokens are indexed whole AND as their parts, so both the exact spelling and its pieces
 * match: "FY2018" → fy2018, fy, 2018; "10-K" → 10k, 10, k; "XMLHttpRequest" → xmlhttprequest, xml,
 * http, request. File names split at "_" and "." like at any punctuation. The parts make documents
 * longer (+8% terms on SciFact), which BM25's length normalization sees, and the whole term keeps
 * exact spellings ahead. Measured with the tuned settings (bench/retrieval/quality.ts): SciFact test
 * nDCG@10 0.6926 → 0.7080 (train 0.7020 → 0.7144), SQuAD recall@5 unchanged at 0.9416; ordinals
 * ("5th") stay whole because splitting them cost SQuAD more than it gave.
 */
import { SPACELESS_SCRIPT, segmentWords } from './segment';
import { cachedStemmer } from './stem-cache';
import { EXTENDED_STOP_WORDS, LUCENE_STOP_WORDS } from './stopwords';
import { cjkBigrams, foldLatin, normalize } from './text-fold';
import {
  ASCII_SPLITTABLE,
  CASE_BOUNDARY,
  COMPLEX,
  HAS_DIGIT,
  HAS_LETTER,
  HEX_HYPHENATED,
  HEX_ID,
  HYPHEN,
  HYPHENS,
  LETTER,
  MAX_PIECES,
  MAX_RUNS,
  NON_ASCII,
  NONE,
  ORDINAL,
  RUN,
  SHORT,
  SPLITTABLE,
  asciiCaseBoundaries,
  asciiRunEnd,
  caseChanges,
  isDigit,
  isHyphen,
  isUpper,
  joinsHyphenated,
  partFlags,
} from './word-parts';

export type Analyzer = (text: string) => string[];

/**
 * Bumped whenever the same text can produce different terms. Terms stored by an older version
 * (ChunkRecord.terms) do not match queries analyzed by this one: re-analyze them.
 * 2: word parts, clitics, Thai/Lao/Khmer/Myanmar words, Vietnamese marks, soft hyphens.
 */
export const ANALYZER_VERSION = 2;

export interface AnalyzerOptions {
  /** Which stop list to drop; a custom list must be lowercase. Default 'extended'. */
  stopWords?: 'lucene' | 'extended' | 'none' | readonly string[];
  /** Porter2-stem Latin-script words. Default true. */
  stem?: boolean;
  /** Also index the parts of compound tokens (letters/digits, case changes, hyphens). Default true. */
  wordParts?: boolean;
  /**
   * Locale of the Thai/Lao/Khmer/Myanmar word segmenter. Fixed rather than the browser's, so the
   * terms of a stored document do not depend on the reader's language setting. Default 'en'.
   */
  segmenterLocale?: string;
  /**
   * Stemmed words remembered, a speed-up only (the terms are the same at any size). Default 100,000,
   * for indexing; code that analyzes a few passages at a time keeps a small one (chat/chat-analyzer.ts).
   */
  stemCacheLimit?: number;
}

/**
 * Letters, digits and combining marks, joined across inner apostrophes ("o'neill", "don't"), inner
 * hyphens ("10-K", "COVID-19") and across a decimal point or thousands separator between digits
 * ("3.5", "10,000").
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:(?:['\u2019\u2010-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;
/** TOKEN without the hyphen joins: the fast path puts hyphenated words back together itself. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['\u2019]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]/u;
const CJK_OR_OTHER = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+/gu;
const STEMMABLE = /^[a-z']+$/;
/** Lowercased tokens with nothing to split: most of any English text. */
const PLAIN_LOWER = /^(?:[a-z]+|[0-9]+(?:[.,][0-9]+)*)$/;
/** Original-case tokens with nothing to split. */
const PLAIN_ASCII = /^(?:[A-Z]?[a-z]+|[0-9]+)$/;
/** Longer "words" are hashes, base64 or URLs glued together: never useful terms, and they bloat the index. */
const MAX_TOKEN_LENGTH = 64;

/**
 * Clitics go before the stop-word check, so "what's" → "what" (a stop word, dropped) and
 * "company's" → "company": the possessive 's and the contractions 're 've 'll 'd 'm ("we're" →
 * "we"). A trailing possessive apostrophe ("companies'") is never part of a token. "n't" stays:
 * "don't" → "dont", which no stop list here contains (it carries a negation), and names such as
 * "o'neill" stay whole. Elided French articles and pronouns go too ("l'économie" → "économie").
 */
const CLITIC_SUFFIX = /'(?:s|re|ve|ll|d|m)$/i;
const ELISION = /^(?:[cdjlmnst]|qu)'(?=\p{L})/iu;
function stopSet(choice: AnalyzerOptions['stopWords']): ReadonlySet<string> {
  if (choice === 'none') return new Set();
  if (choice === 'lucene') return new Set(LUCENE_STOP_WORDS);
  if (choice === undefined || choice === 'extended') return new Set(EXTENDED_STOP_WORDS);
  return new Set(choice);
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stops = stopSet(options.stopWords);
  const stem = options.stem ?? true;
  const wordParts = options.wordParts ?? true;
  const locale = options.segmenterLocale ?? 'en';
  const stemmed = cachedStemmer(options.stemCacheLimit);

  /** One lowercase word → at most one term: fold, length limit, stop list, stem. */
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

  /** Each surface form once per word: "B2B" has two b's but is one "b" part. */
  const emit = (lower: string, ascii: boolean, seen: string[], out: string[]): void => {
    if (seen.includes(lower)) return;
    seen.push(lower);
    addWord(lower, ascii, out);
  };

  /**
   * A word without hyphens, original case: the whole word, then its letter/digit runs if it has
   * more than one, then the case pieces of each run ("iPhone15" → iphone15, iphone, 15, phone).
   * One-letter case pieces ("i" of iPhone, "e" of eBay) are noise and left out; one-letter runs
   * stay ("10K" → k, as "10-K" gives k).
   */
  const addCompound = (word: string, out: string[]): void => {
    const whole = word.toLowerCase();
    if (!NON_ASCII.test(word)) {
      addAsciiCompound(word, whole, out);
      return;
    }
    if (whole.length > MAX_TOKEN_LENGTH) return;
    if (!wordParts || !SPLITTABLE.test(word) || HEX_ID.test(word) || ORDINAL.test(word)) {
      addWord(whole, false, out);
      return;
    }
    const runs = word.match(RUN) as string[];
    const pieces = runs.length > MAX_RUNS ? [] : runs.map((run) => (HAS_DIGIT.test(run) ? [run] : run.split(CASE_BOUNDARY)));
    let count = 0;
    for (const p of pieces) count += p.length;
    if (count === 0 || count > MAX_PIECES) {
      addWord(whole, false, out);
      return;
    }
    const seen: string[] = [];
    emit(whole, false, seen, out);
    for (let i = 0; i < runs.length; i++) {
      // The "s" of "1990s" is a plural, not a word.
      if (runs.length > 1 && !(i > 0 && (runs[i] === 's' || runs[i] === 'S'))) emit((runs[i] as string).toLowerCase(), false, seen, out);
      const runPieces = pieces[i] as string[];
      if (runPieces.length > 1) for (const p of runPieces) if (p.length > 1) emit(p.toLowerCase(), false, seen, out);
    }
  };

  /** addCompound for an ASCII word, given lowercased too. */
  const addAsciiCompound = (word: string, whole: string, out: string[]): void => {
    if (whole.length > MAX_TOKEN_LENGTH) return;
    if (!wordParts || !ASCII_SPLITTABLE.test(word) || HEX_ID.test(word) || ORDINAL.test(word)) addWord(whole, true, out);
    else addAsciiParts(word, whole, out);
  };

  /**
   * addCompound's parts for an ASCII word, with char codes instead of match/split arrays (the
   * same parts; this runs for every "CD4", "IL6", "mRNA" of a scientific text).
   */
  const addAsciiParts = (word: string, whole: string, out: string[]): void => {
    const n = word.length;
    let runs = 0;
    let pieces = 0;
    for (let i = 0; i < n; ) {
      const end = asciiRunEnd(word, i);
      runs++;
      pieces += isDigit(word.charCodeAt(i)) ? 1 : 1 + asciiCaseBoundaries(word, i, end, null, 0);
      i = end;
    }
    if (runs > MAX_RUNS || pieces > MAX_PIECES) {
      addWord(whole, true, out);
      return;
    }
    const seen: string[] = [];
    emit(whole, true, seen, out);
    const cuts: number[] = [];
    for (let i = 0; i < n; ) {
      const end = asciiRunEnd(word, i);
      const c = word.charCodeAt(i);
      // The "s" of "1990s" is a plural, not a word.
      if (runs > 1 && !(i > 0 && end === i + 1 && (c === 115 || c === 83))) emit(whole.slice(i, end), true, seen, out);
      if (!isDigit(c) && asciiCaseBoundaries(word, i, end, cuts, 0) > 0) {
        let from = i;
        for (const cut of cuts) {
          if (cut - from > 1) emit(whole.slice(from, cut), true, seen, out);
          from = cut;
        }
        if (end - from > 1) emit(whole.slice(from, end), true, seen, out);
        cuts.length = 0;
      }
      i = end;
    }
  };

  const addHyphenated = (token: string, out: string[]): void => {
    if (HEX_HYPHENATED.test(token)) {
      addWord(token.toLowerCase(), true, out);
      return;
    }
    const parts = token.split(HYPHEN).filter((p) => p.length > 0);
    if (wordParts && parts.length > 1 && joinsHyphenated(parts)) {
      const joined = parts.join('');
      addWord(joined.toLowerCase(), !NON_ASCII.test(joined), out);
    }
    for (const p of parts) addCompound(p, out);
  };

  /** One token of the tokenizer (or one word of the segmenter), original case. */
  const addToken = (token: string, out: string[], segmented: boolean): void => {
    if (PLAIN_ASCII.test(token)) {
      addWord(isUpper(token.charCodeAt(0)) ? token.toLowerCase() : token, true, out);
      return;
    }
    if (NON_ASCII.test(token)) {
      if (CJK_CHAR.test(token)) {
        for (const part of token.matchAll(CJK_OR_OTHER)) {
          const run = part[0];
          if (CJK_CHAR.test(run)) cjkBigrams(run.toLowerCase(), out);
          else addToken(run, out, segmented);
        }
        return;
      }
      if (!segmented && SPACELESS_SCRIPT.test(token)) {
        for (const word of segmentWords(token, locale)) addToken(word, out, true);
        return;
      }
    }
    let t = token;
    if (t.includes("'") || t.includes('\u2019')) {
      t = t.replace(/\u2019/g, "'").replace(ELISION, '').replace(CLITIC_SUFFIX, '');
      if (!HAS_LETTER.test(t) && !HAS_DIGIT.test(t)) return;
    }
    if (t.includes('-') || t.includes('\u2010')) addHyphenated(t, out);
    else addCompound(t, out);
  };

  return (text: string): string[] => {
    const out: string[] = [];
    if (!text) return out;
    const normalized = NON_ASCII.test(text) ? normalize(text) : text;
    const lower = normalized.toLowerCase();
    if (lower.length !== normalized.length) {
      // A letter lowercased to two code units ("İ" → "i̇"): the two texts no longer line up.
      for (const match of normalized.matchAll(TOKEN)) addToken(match[0], out, false);
      return out;
    }
    // Fast path for most tokens: tokenize the lowercased text, as the analyzer always did, and go
    // back to the original case only where it matters (digits, apostrophes, non-ASCII, and the few
    // places where the case changes inside a word). A hyphenated word arrives as its parts, which
    // are indexed as they come; at its end the joined form is added, or, for the rare word the
    // parts cannot decide (non-ASCII, apostrophes, hex ids), the word is redone whole by addToken.
    const changes = wordParts ? caseChanges(normalized) : NONE;
    let next = 0;
    let prevToken = '';
    let prevPlain = false;
    let prevStart = -1;
    let prevEnd = -2;
    let prevMark = 0;
    // The hyphenated word in progress: from cStart, its terms from out[cMark], its parts' flags.
    let cStart = -1;
    let cMark = 0;
    let cFlags = 0;
    const finish = (end: number): void => {
      if (cFlags & COMPLEX || (cFlags & SHORT && HEX_HYPHENATED.test(lower.slice(cStart, end)))) {
        out.length = cMark;
        addToken(normalized.slice(cStart, end), out, false);
      } else if (wordParts && cFlags & SHORT && cFlags & LETTER) {
        const before = out.length;
        addWord(lower.slice(cStart, end).replace(HYPHENS, ''), true, out);
        if (out.length > before) out.splice(cMark, 0, out.pop() as string);
      }
      cStart = -1;
    };
    for (const match of lower.matchAll(WORD)) {
      const token = match[0];
      const start = match.index;
      const end = start + token.length;
      while (next < changes.length && (changes[next] as number) < start) next++;
      const plain = (next >= changes.length || (changes[next] as number) + 2 > end) && PLAIN_LOWER.test(token);
      if (start === prevEnd + 1 && isHyphen(lower.charCodeAt(prevEnd))) {
        if (cStart < 0) {
          cStart = prevStart;
          cMark = prevMark;
          cFlags = partFlags(prevToken, prevPlain);
        }
        cFlags |= partFlags(token, plain);
      } else if (cStart >= 0) {
        finish(prevEnd);
      }
      prevMark = out.length;
      if (plain) addWord(token, true, out);
      else if (NON_ASCII.test(token) || token.includes("'")) addToken(normalized.slice(start, end), out, false);
      else addAsciiCompound(normalized.slice(start, end), token, out);
      prevToken = token;
      prevPlain = plain;
      prevStart = start;
      prevEnd = end;
    }
    if (cStart >= 0) finish(prevEnd);
    return out;
  };
}

/** The analyzer every index in the app uses (settings chosen on SciFact train; see bench/retrieval). */
export const analyze: Analyzer = createAnalyzer();
