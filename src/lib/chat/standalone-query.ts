/**
 * The query retrieval gets for a question: the question itself, or, for a follow-up, a standalone
 * rewrite (by the loaded model, checked by cleanRewrite; else, or when the model's rewrite is not
 * usable, with the previous question's terms). See follow-up.ts.
 */
import { AppError } from '../errors';
import type { ChatMessageRecord } from '../storage/schema';
import { cleanRewrite, isFollowUp, llmRewritePrompt, termsRewrite } from './follow-up';

export interface RewriteModel {
  /** Rewrite with this model (only when it is already loaded: a rewrite never waits for a download). */
  ready(): boolean;
  /** One short greedy completion of a system + user prompt. */
  complete(system: string, user: string, signal: AbortSignal): Promise<string>;
}

export async function standaloneQuery(
  messages: readonly Pick<ChatMessageRecord, 'role' | 'content' | 'searchQuery'>[],
  userIndex: number,
  model: RewriteModel,
  signal: AbortSignal,
): Promise<string> {
  const question = messages[userIndex]?.content ?? '';
  const before = messages.slice(0, userIndex);
  const previousIndex = before.findLastIndex((m) => m.role === 'user');
  const previous = before[previousIndex];
  if (!previous || !isFollowUp(question, previous.content)) return question;
  const previousQuery = before[previousIndex + 1]?.searchQuery ?? previous.content;
  if (model.ready()) {
    const prompt = llmRewritePrompt(previousQuery, before[previousIndex + 1]?.content ?? '', question);
    try {
      const rewritten = cleanRewrite(await model.complete(prompt.system, prompt.user, signal), question, previousQuery);
      if (rewritten) return rewritten;
    } catch (error) {
      if (error instanceof AppError && error.code === 'ABORTED') throw error;
      // A failed rewrite is not worth failing the question for: fall back on the terms.
    }
  }
  return termsRewrite(question, previousQuery);
}
