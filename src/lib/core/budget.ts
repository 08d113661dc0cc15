/**
 * How much of a model's context window goes to the answer and how much to the passages. Characters
 * per token vary by tokenizer (about 4 for large English vocabularies, 2 for tiny ones), so the
 * passages get a conservative 2 characters per token: the prompt must never overflow the window.
 */
const CHARS_PER_TOKEN = 2;
const TEMPLATE_TOKENS = 96;
const MAX_ANSWER_TOKENS = 384;
const MAX_CONTEXT_CHARS = 8000;

export function promptBudget(contextLength: number, maxAnswerTokens = MAX_ANSWER_TOKENS): { maxTokens: number; maxContextChars: number } {
  const maxTokens = Math.max(16, Math.min(maxAnswerTokens, Math.floor(contextLength / 4)));
  const promptTokens = Math.max(0, contextLength - maxTokens - TEMPLATE_TOKENS);
  return { maxTokens, maxContextChars: Math.min(MAX_CONTEXT_CHARS, promptTokens * CHARS_PER_TOKEN) };
}
