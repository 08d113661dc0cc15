/**
 * Answer recall over cells of k (passages the search returns) × character budget (what the prompt
 * builder may send): for every question, the library's top passages are searched once, and the app's
 * prompt builder is asked what it would send of them within each budget.
 */
import { contextBlock, type PromptContext } from '../../src/lib/core/prompt';
import { sourceTitle } from '../../src/lib/render/source-label';
import { hasAnswer, normalizeAnswer, passageText, sentHasAnswer, sentWithin, type Sent } from './answer-recall';
import type { Bm25Library } from './bm25-library';
import type { AnswerQuestion } from './squad-library';

export interface Cell {
  k: number;
  /** Characters of passages allowed (Infinity: no budget). */
  budget: number;
  recall: number;
  /** Mean over questions of passages and of context characters actually sent. */
  passages: number;
  chars: number;
}

export interface Grid {
  cells: Cell[];
  questions: number;
  cell(k: number, budget: number): Cell;
}

/** Every (k, budget) pair of these lists. */
export function product(ks: readonly number[], budgets: readonly number[]): { k: number; budget: number }[] {
  return ks.flatMap((k) => budgets.map((budget) => ({ k, budget })));
}

/** ends[m]: characters of the first m + 1 blocks as buildPrompt joins them. */
export function prefixEnds(contexts: readonly PromptContext[]): number[] {
  const ends: number[] = [];
  let total = -2;
  for (const c of contexts) ends.push((total += contextBlock(c).length + 2));
  return ends;
}

/** How many passages reach the first one that no longer fits in `budget` (all when they all fit). */
export function firstOver(ends: readonly number[], budget: number): number {
  const i = ends.findIndex((e) => e > budget);
  return i < 0 ? ends.length : i + 1;
}

/**
 * What the prompt sends of only the first k passages, from what it sends of more of them within the
 * same budget. buildPrompt drops whole passages from the end until the rest fit (and cuts the best
 * one only when it alone is too long), so the first k give the first min(k, sent) passages; one call
 * per budget then serves every k. answer-recall.test.ts checks this against buildPrompt itself.
 */
export function sentOfFirst(sent: Sent, k: number, ends: readonly number[]): Sent {
  if (sent.cutText !== undefined || k >= sent.passages) return sent;
  return { passages: k, chars: ends[k - 1] as number };
}

export async function measureGrid(library: Bm25Library, questions: readonly AnswerQuestion[], wanted: readonly { k: number; budget: number }[]): Promise<Grid> {
  const depth = Math.max(...wanted.map((c) => c.k));
  const sums = wanted.map(({ k, budget }) => ({ k, budget, found: 0, passages: 0, chars: 0 }));
  const budgets = [...new Set(wanted.map((c) => c.budget))];
  const deepest = new Map(budgets.map((b) => [b, Math.max(...wanted.filter((c) => c.budget === b).map((c) => c.k))]));
  const normalizedTexts = new Map<string, string>();
  for (const q of questions) {
    const answers = q.answers.map(normalizeAnswer).filter(Boolean);
    const hits = await library.search(q.text, depth);
    const contexts: PromptContext[] = hits.map((s) => ({ n: s.n, title: sourceTitle(s), text: s.text }));
    const has = hits.map((s, i) => {
      let text = normalizedTexts.get(s.chunkId);
      if (text === undefined) normalizedTexts.set(s.chunkId, (text = normalizeAnswer(passageText(contexts[i] as PromptContext))));
      return hasAnswer(text, answers);
    });
    const ends = prefixEnds(contexts);
    // Passages after the first that does not fit could never be sent: they are not handed over.
    const sentAt = new Map(budgets.map((b) => [b, sentWithin(q.text, contexts.slice(0, Math.min(deepest.get(b) as number, firstOver(ends, b))), b)]));
    for (const s of sums) {
      const sent = sentOfFirst(sentAt.get(s.budget) as Sent, s.k, ends);
      if (sentHasAnswer(sent, has, answers)) s.found++;
      s.passages += sent.passages;
      s.chars += sent.chars;
    }
  }
  const n = Math.max(1, questions.length);
  const cells = sums.map((s) => ({ k: s.k, budget: s.budget, recall: s.found / n, passages: s.passages / n, chars: s.chars / n }));
  return {
    cells,
    questions: questions.length,
    cell(k, budget) {
      const c = cells.find((x) => x.k === k && x.budget === budget);
      if (!c) throw new Error(`no cell k=${k}, budget=${budget}`);
      return c;
    },
  };
}
