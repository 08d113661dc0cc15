/**
 * Word segmentation for scripts written without spaces between words: Thai, Lao, Khmer, Myanmar.
 * A Thai sentence is one "token" to a space-and-punctuation tokenizer, so without this a Thai
 * question shares no term with the document that answers it. ICU's dictionary-based word breaker
 * (Intl.Segmenter, in Node 20 and in Chromium, workers included) splits it into words.
 * Chinese and Japanese are not routed here: the analyzer keeps its CJK bigrams for them.
 */

/** Thai, Lao, Myanmar (+ Extended-A/B), Khmer (+ Khmer Symbols): the scripts ICU segments with a dictionary. */
export const SPACELESS_SCRIPT = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]/;

/** One segmenter per locale: creating one costs far more than segmenting a sentence. */
const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenterFor(locale: string): Intl.Segmenter | null {
  let s = segmenters.get(locale);
  if (s === undefined) {
    s = typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(locale, { granularity: 'word' }) : null;
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * Intl.Segmenter gets slower per character as the string grows (V8/ICU: 0.12 ms per 1,000 Thai
 * characters at 1,000, 0.37 ms at 16,000, and a 1 MB string took minutes), so long runs are cut
 * into windows of about this many characters.
 */
const WINDOW = 1000;
/**
 * ICU decides a word boundary from a few words around it, so the last words of a window, next to
 * the cut, are thrown away and segmented again at the start of the next window. With 6, long Thai,
 * Lao, Khmer and Myanmar runs came out exactly as segmented in one piece (with 1–4, some did not).
 */
const REDO = 6;

/**
 * The word-like segments of `text` (punctuation and spaces dropped). The locale is fixed by the
 * caller, not taken from the browser, so stored terms do not depend on the user's language setting
 * (ICU's Thai/Lao/Khmer/Myanmar dictionaries do not depend on it anyway). Without Intl.Segmenter the
 * text comes back whole, which is what the analyzer did before segmentation existed.
 */
export function segmentWords(text: string, locale = 'en'): string[] {
  const segmenter = segmenterFor(locale);
  if (!segmenter) return [text];
  const words: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = start + WINDOW;
    if (end >= text.length) {
      for (const s of segmenter.segment(start === 0 ? text : text.slice(start))) if (s.isWordLike) words.push(s.segment);
      break;
    }
    const segments = Array.from(segmenter.segment(text.slice(start, end)));
    // Too few segments to redo any (a window of unknown characters): keep it as cut.
    const keep = segments.length > REDO ? segments.length - REDO : segments.length;
    for (let i = 0; i < keep; i++) {
      const s = segments[i] as Intl.SegmentData;
      if (s.isWordLike) words.push(s.segment);
    }
    start += keep < segments.length ? (segments[keep] as Intl.SegmentData).index : WINDOW;
  }
  return words;
}
