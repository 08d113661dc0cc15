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
 * On the CPU engine the prompt is read at tens of tokens per second (SmolLM2-135M, 2 threads: ~40;
 * `npm run bench -- --suite llm`), so passages are capped at ~1,000 tokens of English: a first word
 * in well under half a minute rather than a minute.
 */
const MAX_CONTEXT_CHARS_ON_CPU = 4000;

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
