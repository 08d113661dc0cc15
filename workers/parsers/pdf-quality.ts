/**
 * Does a page's text layer read as text? Scans carry an invisible OCR layer, and a bad one is
 * noise ("CyMMa Hanora (aeaHcoeoro nnaTe>Ka"); PDFs without a usable ToUnicode map give glyph
 * numbers as text ("\u0003ΰԔ ϙķϢʆ"). Both are worse than no text for search and answers.
 *
 * Script-neutral signals, per page: the share of characters that are replacement, private-use or
 * control characters; of words that mix alphabets; of words that do not look like words (symbols
 * or digits wedged between letters, capitals in mid-word, no vowel in a long Latin word); of words
 * that are single letters. CJK runs, numbers and codes are neither words nor noise.
 */

/**
 * text: reads as text. sparse: too little to judge (or nothing). noise: words that are not words
 * (bad OCR). undecodable: glyph codes instead of letters (fonts without a usable Unicode map).
 */
export type Verdict = 'text' | 'sparse' | 'noise' | 'undecodable';

export interface TextQuality {
  verdict: Verdict;
  /** Characters other than whitespace and leader runs ("....", "____"). */
  chars: number;
  /** Words with letters (CJK runs excluded). */
  words: number;
  badCharShare: number;
  mixedScriptShare: number;
  nonWordShare: number;
  singleLetterShare: number;
  /** Single-character tokens that follow their predecessor in code-point order (a character chart). */
  sequenceShare: number;
  /** Share of all tokens that are one character long. */
  singleCharTokens: number;
}

/** Fewer characters than this is not a text layer to judge (a page number, a stamp). */
export const SPARSE_CHARS = 10;

type Script = 'latin' | 'greek' | 'cyrillic' | 'armenian' | 'hebrew' | 'arabic' | 'indic' | 'thai' | 'georgian' | 'cjk' | 'hangul' | 'other';

function scriptOf(cp: number): Script {
  if (cp < 0x250) return 'latin';
  if (cp >= 0x1e00 && cp < 0x1f00) return 'latin';
  if (cp >= 0x370 && cp < 0x400) return 'greek';
  if (cp >= 0x1f00 && cp < 0x2000) return 'greek';
  if (cp >= 0x400 && cp < 0x530) return 'cyrillic';
  if (cp >= 0x530 && cp < 0x590) return 'armenian';
  if (cp >= 0x590 && cp < 0x600) return 'hebrew';
  if ((cp >= 0x600 && cp < 0x800) || (cp >= 0x860 && cp < 0x900) || (cp >= 0xfb50 && cp < 0xfe00) || (cp >= 0xfe70 && cp < 0xff00)) return 'arabic';
  if (cp >= 0xfb1d && cp < 0xfb50) return 'hebrew';
  if (cp >= 0x900 && cp < 0xe00) return 'indic';
  if (cp >= 0xe00 && cp < 0xf00) return 'thai';
  if (cp >= 0x10a0 && cp < 0x1100) return 'georgian';
  if (cp >= 0x1100 && cp < 0x1200) return 'hangul';
  if (cp >= 0xac00 && cp < 0xd7b0) return 'hangul';
  if ((cp >= 0x2e80 && cp < 0xa000) || (cp >= 0xf900 && cp < 0xfb00) || (cp >= 0xff00 && cp < 0xfff0) || cp >= 0x20000) return 'cjk';
  return 'other';
}

function isBad(cp: number): boolean {
  return (
    cp === 0xfffd ||
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    (cp >= 0x7f && cp < 0xa0) ||
    (cp >= 0xe000 && cp < 0xf900) ||
    cp >= 0xf0000
  );
}

const LETTER = /\p{L}/u;
const EDGE_PUNCT = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** Characters a real word may carry between its letters. */
const INNER_OK = /^[\p{L}\p{M}'’\-‐.()/&]+$/u;
const CAMEL = /^\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)+\p{Lu}*$|^\p{Ll}+\p{Lu}{2,}$/u;
const LATIN_VOWEL = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīĭįıōŏőœūŭůűų]/iu;

/** Is this token (edge punctuation removed, with letters) shaped like a word? */
function looksLikeWord(token: string, scripts: Set<Script>): boolean {
  if (/\p{L}\p{N}+\p{L}/u.test(token)) return false; // digits wedged in letters: "ynpo111eHHOali"
  const letters = token.replace(/[^\p{L}]/gu, '');
  if (!/\p{N}/u.test(token) && !INNER_OK.test(token)) return false; // "nnaTe>Ka", "CB~3lil"
  // Capitals in mid-word: only as in "McDonald", "iPhone", "JavaScript", "getElementById", "innerHTML".
  if (/\p{Ll}\p{Lu}/u.test(letters) && !CAMEL.test(letters)) return false;
  // Capitals then small letters ("CTp", "HHOali"), except a plural of an acronym ("PDFs").
  if (/\p{Lu}{2,}\p{Ll}/u.test(letters) && !/^\p{Lu}+s$/u.test(letters)) return false;
  if (scripts.size === 1 && scripts.has('latin') && letters.length >= 4) {
    const allCaps = letters === letters.toUpperCase();
    if (!allCaps && !LATIN_VOWEL.test(letters)) return false;
    if (/[^aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿ]{7,}/iu.test(letters)) return false;
  }
  return true;
}

export function assessPageText(text: string): TextQuality {
  // Leader runs (".....", "_____") and rules are layout, not text.
  const clean = text.replace(/([^\p{L}\p{N}\s])\1{2,}/gu, ' ');
  let chars = 0;
  let bad = 0;
  for (const ch of clean) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || cp === 0x0a || cp === 0x09 || cp === 0x0d || cp === 0xa0) continue;
    chars++;
    if (isBad(cp)) bad++;
  }
  let singleChars = 0;
  let inSequence = 0;
  let prevSingle = -2;
  let tokens = 0;
  let words = 0;
  let mixed = 0;
  let nonWords = 0;
  let singles = 0;
  for (const raw of text.split(/[ \n\r\t]+/u)) {
    const cps = [...raw];
    if (cps.length > 0) tokens++;
    if (cps.length !== 1) continue;
    const cp = cps[0]!.codePointAt(0)!;
    singleChars++;
    if (cp === prevSingle + 1) inSequence++;
    prevSingle = cp;
  }
  for (const raw of clean.split(/\s+/u)) {
    if (/:\/\/|@|^www\./u.test(raw)) continue; // addresses
    const token = raw.replace(EDGE_PUNCT, '');
    if (!LETTER.test(token)) continue; // numbers, symbols
    const scripts = new Set<Script>();
    let letterCount = 0;
    let cjk = 0;
    for (const ch of token) {
      if (!LETTER.test(ch)) continue;
      const s = scriptOf(ch.codePointAt(0)!);
      letterCount++;
      if (s === 'cjk') cjk++;
      else scripts.add(s);
    }
    if (cjk * 2 >= letterCount) continue; // a CJK run: no word boundaries to judge
    words++;
    if (scripts.size > 1) mixed++;
    if (letterCount === 1 && token.length === 1) singles++;
    else if (!looksLikeWord(token, scripts)) nonWords++;
  }
  const share = (n: number, d: number) => (d > 0 ? n / d : 0);
  const q: TextQuality = {
    verdict: 'text',
    chars,
    words,
    badCharShare: share(bad, chars),
    mixedScriptShare: share(mixed, words),
    nonWordShare: share(nonWords, words),
    singleLetterShare: share(singles, words),
    sequenceShare: share(inSequence, singleChars),
    singleCharTokens: share(singleChars, tokens),
  };
  q.verdict = verdictOf(q);
  return q;
}

function verdictOf(q: TextQuality): Verdict {
  const readable = q.chars * (1 - q.badCharShare);
  if (readable < SPARSE_CHARS) return q.badCharShare > 0.5 ? 'undecodable' : 'sparse';
  // A chart of characters (a font sampler) is all single, odd characters, in code-point order.
  if (q.singleCharTokens >= 0.5 && q.sequenceShare >= 0.3) return 'text';
  if (q.badCharShare > 0.1) return 'undecodable';
  if (q.words >= 5 && q.mixedScriptShare > 0.2) return 'undecodable';
  if (q.words >= 12 && q.nonWordShare + q.mixedScriptShare >= 0.3) return 'noise';
  if (q.words >= 30 && q.singleLetterShare > 0.5) return 'noise';
  return 'text';
}
