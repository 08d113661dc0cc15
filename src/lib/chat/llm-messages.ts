/**
 * The chat messages the LLM worker gets for one answer: the system rules, the earlier turns as real
 * user/assistant messages (so each model's own chat template frames them), then the numbered
 * contexts and the question. The prompt's budget goes to the passages first: earlier turns get at
 * most a quarter of it, and are dropped (oldest first) before any passage beyond the best one.
 */
import { buildPrompt, type BuiltPrompt, type PromptContext } from '../core/prompt';
import type { ChatMessage } from '../../../workers/llm.protocol';
import { turnsWithin, type Turn } from './history';

export interface AnswerPrompt extends BuiltPrompt {
  messages: ChatMessage[];
  /** Earlier turns included. */
  turns: number;
}

export function answerMessages(question: string, contexts: PromptContext[], turns: readonly Turn[], maxChars: number): AnswerPrompt {
  const kept = turnsWithin(turns, Math.floor(maxChars / 4));
  const historyChars = kept.reduce((n, t) => n + t.question.length + t.answer.length + 24, 0);
  const prompt = buildPrompt(question, contexts, { maxContextChars: Math.max(200, maxChars - historyChars) });
  const messages: ChatMessage[] = [{ role: 'system', content: prompt.system }];
  for (const t of kept) messages.push({ role: 'user', content: t.question }, { role: 'assistant', content: t.answer });
  messages.push({ role: 'user', content: prompt.user });
  return { ...prompt, messages, turns: kept.length };
}
