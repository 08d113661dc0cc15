/**
 * Text for the benchmarks: SciFact sentences and claims from ../shared when they are there (real
 * scientific prose, with its real vocabulary), else generated sentences over a Zipf-distributed
 * vocabulary. The source is always named in the results, never silently swapped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH_WORDS } from '../../scripts/models/english-words';
import { mulberry32 } from './prng';

export interface TextSource {
  /** "SciFact" or "generated". */
  name: string;
  sentences: string[];
  queries: string[];
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Split prose at ". " (or ! ?) followed by a capital letter or digit; good enough for abstracts. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function scifactText(sharedDir: string): TextSource | null {
  const dir = join(sharedDir, 'datasets', 'scifact');
  const corpus = join(dir, 'corpus.jsonl');
  const queriesFile = existsSync(join(dir, 'queries.test.jsonl')) ? join(dir, 'queries.test.jsonl') : join(dir, 'queries.jsonl');
  if (!existsSync(corpus) || !existsSync(queriesFile)) return null;
  const sentences = readJsonl<{ text: string }>(corpus).flatMap((d) => splitSentences(d.text));
  const queries = readJsonl<{ text: string }>(queriesFile).map((q) => q.text);
  return { name: 'SciFact', sentences, queries };
}

/** Sentences of 8–30 words drawn from a Zipf(1) distribution over the common-word list. */
export function generatedText(count: number, seed = 1): TextSource {
  const rand = mulberry32(seed);
  const words = ENGLISH_WORDS;
  const weights = words.map((_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w / total));
  const word = () => {
    const u = rand();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    const s = Array.from({ length: n }, word).join(' ');
    return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}.`;
  };
  return {
    name: 'generated',
    sentences: Array.from({ length: count }, () => sentence(8, 30)),
    queries: Array.from({ length: 300 }, () => sentence(4, 12)),
  };
}

export function benchText(sharedDir: string, fallbackCount = 50_000): TextSource {
  return scifactText(sharedDir) ?? generatedText(fallbackCount);
}

/** `n` sentences of `minWords`..`maxWords` words, in corpus order (so runs are comparable). */
export function sentencesOfLength(source: TextSource, n: number, minWords: number, maxWords: number): string[] {
  const out: string[] = [];
  for (const s of source.sentences) {
    const words = s.split(/\s+/).length;
    if (words >= minWords && words <= maxWords) out.push(s);
    if (out.length === n) break;
  }
  return out;
}

/** The demo speech in ../shared (a real 39 KB document), or null when ../shared does not have it. */
export function speechPath(sharedDir: string): string | null {
  const path = join(sharedDir, 'datasets', 'texts', 'state_of_the_union.txt');
  return existsSync(path) ? path : null;
}
