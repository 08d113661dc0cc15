/**
 * The parts of compound words the analyzer indexes besides the whole word: letter/digit runs
 * ("FY2018" → fy, 2018), case pieces ("XMLHttpRequest" → xml, http, request) and hyphen joins
 * ("10-K" → 10k), with the limits that keep identifiers and hashes whole. Character-code helpers
 * for the ASCII fast path live here too; analyzer.ts decides when each applies.
 */
/** Somewhere in the text is a case change a word might split at ("camelCase", "XMLHttp"). */
const ASCII_CASE_CHANGE = /[a-z][A-Z]|[A-Z][A-Z][a-z]/g;

export const HYPHEN = /[\u2010-]/;
export const HYPHENS = /[\u2010-]/g;
/** Any non-ASCII character (the fast paths are for ASCII words). */
export const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_DIGIT = /[0-9]/;
const ASCII_LETTER = /[a-z]/;
/** A word's runs: a number (with inner . or ,) or a stretch of non-digits. */
export const RUN = /\p{N}+(?:[.,]\p{N}+)*|[^\p{N}]+/gu;
export const HAS_DIGIT = /\p{N}/u;
export const HAS_LETTER = /\p{L}/u;
/** Something to split: a letter next to a digit, or a case change CASE_BOUNDARY splits at. */
export const SPLITTABLE = /\p{N}\p{L}|\p{L}\p{M}*\p{N}|\p{Ll}\p{M}*\p{Lu}|\p{Lu}\p{M}*\p{Lu}\p{M}*\p{Ll}\p{M}*\p{Ll}/u;
export const ASCII_SPLITTABLE = /[0-9][A-Za-z]|[A-Za-z][0-9]|[a-z][A-Z]|[A-Z][A-Z][a-z][a-z]/;
/**
 * Case changes: "camel|Case", "XML|Http|Request". Capitals followed by a single lowercase letter
 * are a plural acronym ("URLs", "PDFs") and stay whole.
 */
export const CASE_BOUNDARY = /(?<=\p{Ll}\p{M}*)(?=\p{Lu})|(?<=\p{Lu}\p{M}*)(?=\p{Lu}\p{M}*\p{Ll}\p{M}*\p{Ll})/u;
/** "5th", "21st", "3rd": one word (an ordinal), not the number 5 and a "th". */
export const ORDINAL = /^[0-9]+(?:st|nd|rd|th)$/i;
/** Hex hashes and ids ("1d764b1", "e3b0c442") would split into noise: kept whole. */
export const HEX_ID = /^(?=.*\d)(?=.*[a-f])[0-9a-f]{7,}$/i;
/** UUIDs and other hyphenated hex ids: one term, the whole id, so that searching for it finds it. */
export const HEX_HYPHENATED = /^(?=.*\d)(?=.*[a-f])[0-9a-f]{4,}(?:-[0-9a-f]{4,}){2,}$/i;
/** More runs or pieces than this and the token is an identifier or an encoding, not a compound word. */
export const MAX_RUNS = 4;
export const MAX_PIECES = 6;

/**
 * Whether a hyphenated word is also indexed joined, for readers who type it without the hyphen:
 * "10-K" → "10k", "COVID-19" → "covid19", "e-mail" → "email", "X-ray" → "xray". Only when a part
 * has a digit or is a single character: joining every compound ("diffusion-weighted") scored lower
 * on SciFact train (nDCG@10 0.7112 vs 0.7137 for this rule, 0.7152 joining none; test 0.7068 for
 * both joining rules, 0.6996 for none), and number ranges ("1990-2000") are not words.
 */
export function joinsHyphenated(parts: string[]): boolean {
  let short = false;
  let letter = false;
  for (const p of parts) {
    if (p.length === 1 || HAS_DIGIT.test(p)) short = true;
    if (!letter && HAS_LETTER.test(p)) letter = true;
  }
  return short && letter;
}

export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Where the run of `word` (as RUN: a number with inner . or ,, or non-digits) starting at `i` ends. */
export function asciiRunEnd(word: string, i: number): number {
  const n = word.length;
  if (isDigit(word.charCodeAt(i))) {
    i++;
    while (i < n) {
      const c = word.charCodeAt(i);
      if (isDigit(c)) i++;
      else if ((c === 46 || c === 44) && i + 1 < n && isDigit(word.charCodeAt(i + 1))) i += 2;
      else break;
    }
    return i;
  }
  i++;
  while (i < n && !isDigit(word.charCodeAt(i))) i++;
  return i;
}

/** CASE_BOUNDARY positions (ASCII) inside word[from, to): counted, and pushed to `cuts` if given. */
export function asciiCaseBoundaries(word: string, from: number, to: number, cuts: number[] | null, count: number): number {
  for (let j = from + 1; j < to; j++) {
    if (!isUpper(word.charCodeAt(j))) continue;
    const prev = word.charCodeAt(j - 1);
    if (isLower(prev) || (isUpper(prev) && j + 2 < to && isLower(word.charCodeAt(j + 1)) && isLower(word.charCodeAt(j + 2)))) {
      count++;
      cuts?.push(j);
    }
  }
  return count;
}

export const isHyphen = (c: number): boolean => c === 45 || c === 0x2010;

/** What a part says about its hyphenated word: see joinsHyphenated; COMPLEX: addToken must redo it. */
export const SHORT = 1;
export const LETTER = 2;
export const COMPLEX = 4;
export function partFlags(part: string, plain: boolean): number {
  if (plain) return isDigit(part.charCodeAt(0)) ? SHORT : part.length === 1 ? SHORT | LETTER : LETTER;
  if (NON_ASCII.test(part) || part.includes("'")) return COMPLEX;
  return (part.length === 1 || ASCII_DIGIT.test(part) ? SHORT : 0) | (ASCII_LETTER.test(part) ? LETTER : 0);
}

export const NONE: readonly number[] = [];

/** Where ASCII_CASE_CHANGE starts in the text, overlapping matches included; usually none. */
export function caseChanges(text: string): readonly number[] {
  ASCII_CASE_CHANGE.lastIndex = 0;
  let m = ASCII_CASE_CHANGE.exec(text);
  if (m === null) return NONE;
  const at: number[] = [];
  while (m !== null) {
    at.push(m.index);
    ASCII_CASE_CHANGE.lastIndex = m.index + 1;
    m = ASCII_CASE_CHANGE.exec(text);
  }
  return at;
}
