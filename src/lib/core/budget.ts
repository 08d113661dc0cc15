/**
 * How much of a model's context window goes to the answer and how much to the passages. Characters
 * per token vary by tokenizer (about 4 for large English vocabularies, 2 for tiny ones), so the
 * passages get a conservative 2 characters per token until the engine has counted a prompt of this
 * model (see chat/chars-per-token.ts): the prompt must never overflow the window.
 */
import { SYSTEM_PROMPT } from './prompt';

const CHARS_PER_TOKEN = 2;
const TEMPLATE_TOKENS = 96;
const MAX_ANSWER_TOKENS = 384;
const MAX_CONTEXT_CHARS = 8000;
/**
 * On the CPU engine every passage token is read before the first word (SmolLM2-135M Q8_0, 2 threads:
 * a 473-token prompt in 6.0 s, ~13 s per 1,000 tokens; a 0.5B model ~4× that), so passages get the
 * fewest characters that carry the answer. Set from `npm run bench -- --suite cpu-budget` (SQuAD 1.1
 * dev, 10,570 questions, the app's chunks and BM25; answer recall = a gold answer is in what is sent):
 * along the recall-per-token curve, the last budget whose step still buys ≥ 10 recall points per
 * 1,000 tokens (1 point per ~1.3 s of reading there) is 3,000 characters: 91.6% at ~650 tokens,
 * against 92.9% at ~850 for 4,000 and 93.0% for all 4 passages (the next step, 3,500, buys 7 points
 * per 1,000 tokens). This is BM25's curve (no real embedder weights exist here); a better retriever
 * needs fewer passages, so hybrid search should need no more. The CPU k stays the setting's: at this
 * budget at most 3 of the default 4 passages fit, and searching one more costs no reading.
 */
export const MAX_CONTEXT_CHARS_ON_CPU = 3000;

export function promptBudget(
  contextLength: number,
  maxAnswerTokens = MAX_ANSWER_TOKENS,
  engine: 'webllm' | 'wllama' = 'webllm',
  charsPerToken = CHARS_PER_TOKEN,
): { maxTokens: number; maxContextChars: number; maxPromptChars: number } {
  const maxTokens = Math.max(16, Math.min(maxAnswerTokens, Math.floor(contextLength / 4)));
  const systemTokens = Math.ceil(SYSTEM_PROMPT.length / charsPerToken);
  const promptTokens = Math.max(0, contextLength - maxTokens - TEMPLATE_TOKENS - systemTokens);
  const cap = engine === 'wllama' ? MAX_CONTEXT_CHARS_ON_CPU : MAX_CONTEXT_CHARS;
  return {
    maxTokens,
    maxContextChars: Math.min(cap, Math.floor(promptTokens * charsPerToken)),
    // The whole prompt (every message) in characters: what a follow-up built on earlier prompts may fill.
    maxPromptChars: Math.floor(Math.max(0, contextLength - maxTokens - TEMPLATE_TOKENS) * charsPerToken),
  };
}
