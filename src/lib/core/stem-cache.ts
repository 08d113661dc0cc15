/**
 * English stems, remembered: the stemmer is the analyzer's costliest step and a text repeats its
 * words. A speed-up only; when full the cache starts again, so the stems are the same at any size.
 */
import { stemEnglish } from './stem-english';

/** Enough for a large library's vocabulary while indexing. */
export const STEM_CACHE_LIMIT = 100_000;

/** A stemmer (apostrophes dropped from the stem) that remembers up to `limit` words. */
export function cachedStemmer(limit: number = STEM_CACHE_LIMIT): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let s = cache.get(word);
    if (s === undefined) {
      s = stemEnglish(word).replaceAll("'", '');
      if (cache.size >= limit) cache.clear();
      cache.set(word, s);
    }
    return s;
  };
}
