/**
 * The prompts tried for one answer, in order: on the CPU engine a follow-up built on the previous
 * prompt (continuation.ts: only new passages are read), then the prompt built afresh with the room the
 * budget gives, then with half as much each time the engine finds it too long. It learns each model's
 * characters per token from the engine's counts, and remembers what each answer was given.
 */
import { promptBudget } from '../core/budget';
import { sourceTitle } from '../render/source-label';
import type { ChatMessageRecord, SourceRef } from '../storage/schema';
import type { ChatMessage } from '../../../workers/llm.protocol';
import { CharsPerToken, promptChars } from './chars-per-token';
import { continuePrompt, SentPrompts, sentPrompt, type SentPrompt } from './continuation';
import { earlierTurns } from './history';
import { answerMessages } from './llm-messages';

export interface AnswerRequest {
  conversationId: string;
  /** The conversation up to and including the question at `userIndex`. */
  messages: readonly ChatMessageRecord[];
  userIndex: number;
  /** Passages found for the question, best first, numbered 1… */
  found: readonly SourceRef[];
  model: { id: string; engine: string; contextLength: number };
  maxAnswerTokens: number;
}

export interface PromptAttempt {
  messages: ChatMessage[];
  /** Exactly the passages in this prompt, with their numbers in it. */
  sources: SourceRef[];
  maxTokens: number;
  /** The earlier prompt this one continues. */
  base?: SentPrompt;
}

/**
 * A continued prompt reads its new part at the end of everything kept, where attention costs more.
 * Measured (`npx tsx bench/run.ts --suite follow-up`, SmolLM2-135M shape, 2 threads, two runs): a
 * continuation that read 0.63–0.70 of the fresh prompt's tokens took 0.77–0.95× as long as the fresh
 * prompt, one that read 0.98 of them 1.39–1.43×. So it is sent only when its new part is at most this
 * share of what the fresh prompt reads beyond the system prompt (both keep that).
 */
const CONTINUE_SHARE = 0.7;

/** Chat-template tokens per message, beyond the budget's fixed allowance. */
const TOKENS_PER_MESSAGE = 16;
const MIN_ROOM = 200;

export class AnswerPrompter {
  readonly #charsPerToken = new CharsPerToken();
  readonly #sent = new SentPrompts();

  *attempts(req: AnswerRequest): Generator<PromptAttempt> {
    const ratio = this.#charsPerToken.ratio(req.model.id);
    // Both CPU engines (wllama, transformers.js) read prompts slowly: the CPU budget. Both keep the
    // previous prompt and answer in their caches (llama.cpp's prompt cache, onnx-prompt-cache.ts), so both continue one.
    const engine = req.model.engine === 'wllama' || req.model.engine === 'transformers' ? 'wllama' : 'webllm';
    const budget = promptBudget(req.model.contextLength, req.maxAnswerTokens, engine, ratio);
    const question = req.messages[req.userIndex]?.content ?? '';
    const contexts = req.found.map((s) => ({ n: s.n, title: sourceTitle(s), text: s.text }));
    const turns = earlierTurns(req.messages.slice(0, req.userIndex));
    const fresh = (room: number): PromptAttempt => {
      const prompt = answerMessages(question, contexts, turns, room);
      return { messages: prompt.messages, sources: req.found.filter((s) => prompt.used.includes(s.n)), maxTokens: budget.maxTokens };
    };
    const first = fresh(budget.maxContextChars);
    const base = engine === 'wllama' ? this.#previous(req) : null;
    if (base) {
      const perMessage = TOKENS_PER_MESSAGE * (ratio ?? 2);
      const continued = continuePrompt(base, question, req.found, sourceTitle, {
        maxPromptChars: budget.maxPromptChars - (base.messages.length + 2) * perMessage,
        maxNewChars: budget.maxContextChars,
      });
      // Faster is no excuse for reading less: continue only with every passage a fresh prompt would have.
      const carried = new Set(continued?.sources.map((s) => s.chunkId));
      if (continued && first.sources.every((s) => carried.has(s.chunkId)) && worthContinuing(continued.messages, first.messages)) {
        yield { ...continued, maxTokens: budget.maxTokens, base };
      }
    }
    yield first;
    for (let room = Math.floor(budget.maxContextChars / 2); room >= MIN_ROOM / 2; room = Math.floor(room / 2)) yield fresh(room);
  }

  /**
   * The answer to `attempt` was written: learn from the engine's token count, and keep the prompt for
   * a follow-up unless the engine let go of it (`cacheCleared`).
   */
  answered(req: AnswerRequest, attempt: PromptAttempt, answer: string, read: { promptTokens: number; cacheCleared?: boolean }): void {
    this.#charsPerToken.observe(req.model.id, promptChars(attempt.messages), read.promptTokens);
    const question = req.messages[req.userIndex]?.content ?? '';
    const sent = sentPrompt(attempt.messages, question, answer, req.model.id, attempt.sources, attempt.base);
    if (read.cacheCleared) this.#sent.forget(req.conversationId, req.userIndex + 1);
    else this.#sent.remember(req.conversationId, req.userIndex + 1, sent);
  }

  /** A document was deleted: later answers do not carry its passages on from earlier prompts. */
  forgetDocument(docId: string): void {
    this.#sent.forgetDocument(docId);
  }

  /** The prompt of the answer just before this question, if it is still what was sent. */
  #previous(req: AnswerRequest): SentPrompt | null {
    const reply = req.messages[req.userIndex - 1];
    const question = req.messages[req.userIndex - 2];
    if (reply?.role !== 'assistant' || reply.status !== 'done' || (reply.kind ?? 'answer') !== 'answer') return null;
    return this.#sent.find(req.conversationId, req.userIndex - 1, question?.content, reply.content, req.model.id);
  }
}

/** The continuation's new part against what the fresh prompt reads beyond the system prompt (kept by both). */
function worthContinuing(continued: readonly ChatMessage[], fresh: readonly ChatMessage[]): boolean {
  const newPart = continued.at(-1)?.content.length ?? 0;
  const freshPart = promptChars(fresh.filter((m) => m.role !== 'system'));
  return newPart <= CONTINUE_SHARE * freshPart;
}
