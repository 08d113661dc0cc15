/**
 * Answer recall of a prompt: does one of a question's gold answers appear in the passages the prompt
 * actually sends? The passages sent are decided by the app's own prompt builder (core/prompt.ts:
 * best first, whole passages dropped from the end over the budget, the best one cut at a word when
 * it alone is too long). Matching is SQuAD's answer normalization (lower case, no ASCII punctuation,
 * no articles, single spaces) and whole words, as DPR's "has answer" top-k accuracy counts it: an
 * answer found in another passage than SQuAD's own paragraph counts too, since the model could use it.
 */
import { buildPrompt, contextBlock, oneLine, type PromptContext } from '../../src/lib/core/prompt';

const PUNCTUATION = /[!-/:-@[-`{-~]/g;
const ARTICLES = /\b(a|an|the)\b/g;

/** SQuAD's official normalize_answer. */
export function normalizeAnswer(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, '').replace(ARTICLES, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** Whether one of the (normalized, non-empty) answers occurs in the normalized text as whole words. */
export function hasAnswer(normalizedText: string, normalizedAnswers: readonly string[]): boolean {
  const padded = ` ${normalizedText} `;
  return normalizedAnswers.some((a) => a.length > 0 && padded.includes(` ${a} `));
}

/** A passage's text as the prompt shows it, without its number: "(title) text". */
export function passageText(ctx: PromptContext): string {
  const title = oneLine(ctx.title);
  return `${title ? `(${title}) ` : ''}${oneLine(ctx.text)}`;
}

export interface Sent {
  /** Passages in the prompt (the first of them possibly cut). */
  passages: number;
  /** Characters of the contexts part of the user message (numbers, titles, separators included). */
  chars: number;
  /** The best passage was cut to fit: its sent text, to be matched on its own. */
  cutText?: string;
}

const HEAD = 'Contexts:\n\n';

/** What buildPrompt sends of `contexts` (best first) within `maxChars`. */
export function sentWithin(question: string, contexts: PromptContext[], maxChars: number): Sent {
  const built = buildPrompt(question, contexts, { maxContextChars: maxChars });
  if (built.used.length === 0) return { passages: 0, chars: 0 };
  const tail = `\n\nQuestion: ${oneLine(question)}`;
  const body = built.user.slice(HEAD.length, built.user.length - tail.length);
  const cut = built.used.length === 1 && body.length < contextBlock(contexts[0] as PromptContext).length;
  return { passages: built.used.length, chars: body.length, ...(cut ? { cutText: body } : {}) };
}

/**
 * Whether the prompt carries an answer: one of its whole passages has it (`passageHas`, precomputed
 * per passage), or, when the best passage was cut, its sent part has it.
 */
export function sentHasAnswer(sent: Sent, passageHas: readonly boolean[], normalizedAnswers: readonly string[]): boolean {
  if (sent.cutText !== undefined) return hasAnswer(normalizeAnswer(sent.cutText.replace(/^\[\d+\] /, '')), normalizedAnswers);
  for (let i = 0; i < sent.passages; i++) if (passageHas[i]) return true;
  return false;
}
