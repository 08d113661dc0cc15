/**
 * Quick answers with no model: the sentences of the retrieved passages that best match the question,
 * quoted with their passage's number. Shown at once (while a model downloads or loads, on a device
 * that cannot run one, or on request), always labelled as extracts, never as an answer.
 *
 * A sentence scores by the question's terms it contains, each weighted by how rare it is among the
 * passages' sentences (an IDF over this small set) and once per term, plus a little for the passage's
 * own rank; very short and very long sentences are cut out or down.
 */
import { analyzeChatText as analyze } from './chat-analyzer';
import type { Extract, SourceRef } from '../storage/schema';

const MAX_EXTRACTS = 3;
const MIN_CHARS = 25;
const MAX_CHARS = 400;

interface Candidate {
  n: number;
  rank: number;
  text: string;
  terms: Set<string>;
}

/** Sentences of a passage (Intl.Segmenter where present, else on ., ! and ? followed by a space). */
export function sentencesOf(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    return [...segmenter.segment(flat)].map((s) => s.segment.trim()).filter(Boolean);
  }
  return flat.split(/(?<=[.!?。！？])\s+/).filter(Boolean);
}

function trimmed(sentence: string): string {
  if (sentence.length <= MAX_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', MAX_CHARS - 1);
  return `${sentence.slice(0, cut > 0 ? cut : MAX_CHARS - 1)}…`;
}

export function quickExtracts(question: string, sources: readonly SourceRef[], max = MAX_EXTRACTS): Extract[] {
  const queryTerms = new Set(analyze(question));
  if (queryTerms.size === 0) return [];
  const candidates: Candidate[] = [];
  sources.forEach((s, rank) => {
    for (const text of sentencesOf(s.text)) {
      if (text.length < MIN_CHARS) continue;
      candidates.push({ n: s.n, rank, text, terms: new Set(analyze(text)) });
    }
  });
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of c.terms) if (queryTerms.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + candidates.length / (df.get(t) ?? candidates.length));
  const scored = candidates
    .map((c) => {
      let score = 0;
      for (const t of queryTerms) if (c.terms.has(t)) score += idf(t);
      return { c, score: score > 0 ? score + 0.05 / (1 + c.rank) : 0 };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.c.rank - b.c.rank);
  const seen = new Set<string>();
  const out: Extract[] = [];
  for (const { c } of scored) {
    const key = c.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ n: c.n, text: trimmed(c.text) });
    if (out.length >= max) break;
  }
  return out;
}
