/**
 * Character-level steps of the analyzer (analyzer.ts): Unicode normalization, folding Latin
 * diacritics, and CJK bigrams.
 */
import { vietnameseTerm } from './vietnamese';

/** Invisible, but it splits words in text extracted from PDFs ("docu\u00adment"). */
const SOFT_HYPHEN = /\u00ad/g;

const LATIN = /\p{sc=Latin}/u;
const LATIN_WITH_MARKS = /(\p{sc=Latin})\p{M}+/gu;

/** Latin letters that carry no decomposable diacritic but that people type without one. */
const LATIN_FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const LATIN_FOLD_RE = /[ßæœøłđðþı]/g;

/**
 * Fold diacritics on Latin letters only: "café" → "cafe", but Cyrillic "й" stays "й", and
 * Vietnamese words keep their marks (vietnamese.ts has the rule and its trade-off).
 * Non-ASCII lowercase input only.
 */
export function foldLatin(token: string): string {
  const t = token.replace(/\u2019/g, "'");
  if (!LATIN.test(t)) return t;
  const vi = vietnameseTerm(t);
  if (vi !== null) return vi;
  const folded = t.normalize('NFD').replace(LATIN_WITH_MARKS, '$1').normalize('NFC');
  return folded.replace(LATIN_FOLD_RE, (c) => LATIN_FOLD[c] ?? c);
}


/**
 * NFKC (full-width forms, ligatures, compatibility characters), minus two things it breaks: it
 * splits Thai and Lao SARA AM (ำ, ຳ) into nikhahit + sara aa, which the segmenter's dictionary does
 * not know ("จำนวน" would become "จํา" + "นวน"), so they are put back; and soft hyphens go.
 */
export function normalize(text: string): string {
  let t = text.normalize('NFKC');
  if (t.includes('\u0e4d\u0e32')) t = t.replaceAll('\u0e4d\u0e32', '\u0e33');
  if (t.includes('\u0ecd\u0eb2')) t = t.replaceAll('\u0ecd\u0eb2', '\u0eb3');
  return t.includes('\u00ad') ? t.replace(SOFT_HYPHEN, '') : t;
}


/** Overlapping bigrams of a CJK run ("東京都" → "東京", "京都"); a lone character is its own term. */
export function cjkBigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push(chars[0] as string);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push((chars[i] as string) + (chars[i + 1] as string));
}
