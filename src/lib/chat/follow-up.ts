/**
 * Follow-up questions ("and the second one?", "what about its price?") do not stand on their own, so
 * retrieval would search for "second one". A follow-up is recognised by its shape (short, with a
 * pronoun or a leading "and"/"what about", in English; other languages fall back on shortness) and
 * rewritten into a standalone query: by the loaded model where there is one (llmRewritePrompt), or
 * else by adding the previous question's content terms (termsRewrite).
 */
import { analyzeChatText as analyze } from './chat-analyzer';

const ANAPHORA = /\b(it|its|it's|they|them|their|theirs|this|that|these|those|he|him|his|she|her|hers|one|ones|former|latter|same|there|then|second|third|first|last|other|another|else)\b/i;
const LEADING = /^\s*(and|but|or|also|so|what about|how about|and what|and how|why not|then)\b/i;
const SHORT_WORDS = 6;

/** Whether `question` leans on the conversation before it. */
export function isFollowUp(question: string, previousQuestion: string | undefined): boolean {
  if (!previousQuestion) return false;
  const words = question.trim().split(/\s+/).filter(Boolean);
  if (LEADING.test(question)) return true;
  if (words.length <= SHORT_WORDS && ANAPHORA.test(question)) return true;
  return words.length <= 3;
}

/** The question plus the earlier question's content words it does not already have. */
export function termsRewrite(question: string, previousQuestion: string): string {
  const have = new Set(analyze(question));
  const extra: string[] = [];
  for (const word of previousQuestion.split(/[^\p{L}\p{N}'-]+/u)) {
    const terms = word ? analyze(word) : []; // stop words analyze to nothing
    if (terms.length === 0 || terms.every((t) => have.has(t))) continue;
    terms.forEach((t) => have.add(t));
    extra.push(word);
  }
  return extra.length > 0 ? `${question.trim()} (${extra.join(' ')})` : question.trim();
}

export const REWRITE_SYSTEM = [
  'Rewrite the last question so that it can be understood without the conversation.',
  'Keep its meaning and language. Reply with the rewritten question only, on one line.',
].join('\n');

/** Chat messages asking a model to rewrite the follow-up. */
export function llmRewritePrompt(previousQuestion: string, previousAnswer: string, question: string): { system: string; user: string } {
  const answer = previousAnswer.replace(/\s*\[\d[\d,\s–-]*\]/g, '').replace(/\s+/g, ' ').trim().slice(0, 400);
  return {
    system: REWRITE_SYSTEM,
    user: `Earlier question: ${previousQuestion.trim()}\nEarlier answer: ${answer || '(none)'}\nLast question: ${question.trim()}\nRewritten question:`,
  };
}

/**
 * The model's rewrite, if it is usable: one line, not empty, not absurdly long, keeping a content
 * word of the follow-up (when it has one) and one of the earlier question. Small models sometimes
 * answer or ramble instead of rewriting; then null, and the caller falls back on termsRewrite.
 */
export function cleanRewrite(output: string, question: string, previousQuestion: string): string | null {
  const line = output.replace(/^\s*(rewritten question|question)\s*:\s*/i, '').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const text = line.replace(/^["“”']+|["“”']+$/g, '').trim();
  if (text.length < 3 || text.length > Math.max(200, question.length * 4)) return null;
  const terms = new Set(analyze(text));
  const shares = (other: string) => analyze(other).some((t) => terms.has(t));
  // The follow-up's own subject, without its pointing words ("the second one" points, "winter" does not).
  const own = analyze(question.split(/\s+/).filter((w) => !ANAPHORA.test(w)).join(' '));
  if ((own.length > 0 && !own.some((t) => terms.has(t))) || !shares(previousQuestion)) return null;
  return text;
}
