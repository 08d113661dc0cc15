/**
 * The conversation: ask → retrieve passages → build a numbered-context prompt → stream the answer
 * from the LLM worker. Tokens are buffered and flushed once per frame, so the page stays smooth.
 * The conversation is saved after every answer, including stopped and failed ones.
 */
import { buildPrompt } from '../core/prompt';
import { promptBudget } from '../core/budget';
import { AppError, appError, type ErrorCode } from '../errors';
import type { LlmClient } from '../llm/client';
import type { RetrievalClient } from '../retrieval/client';
import { latestConversation, saveConversation } from '../storage/conversations';
import { sourceTitle } from '../render/source-label';
import type { ChatMessageRecord, ConversationRecord, SourceRef } from '../storage/schema';
import type { LibraryState } from './library.svelte';
import type { ModelState } from './model.svelte';

export interface ChatDeps {
  retrieval: RetrievalClient;
  llm: LlmClient;
  library: LibraryState;
  model: ModelState;
  /** Search options that depend on settings and the device, read at each question. */
  searchOptions: () => { k: number; rerank: boolean };
  sampling: () => { temperature: number; topP: number; maxAnswerTokens: number };
}

/** Errors after which the LLM worker no longer holds the model: the next question reloads it. */
const ENGINE_LOST = new Set<ErrorCode>(['WORKER_CRASHED', 'DEVICE_LOST', 'OUT_OF_MEMORY']);

export type LiveMessage = Omit<ChatMessageRecord, 'status'> & { status?: ChatMessageRecord['status'] | 'retrieving' | 'loading' | 'streaming' };

export class ChatState {
  messages = $state<LiveMessage[]>([]);
  busy = $state(false);
  #id: string = crypto.randomUUID();
  #abort: AbortController | null = null;
  #deps: ChatDeps;

  constructor(deps: ChatDeps) {
    this.#deps = deps;
  }

  async restore(): Promise<void> {
    const saved = await latestConversation();
    if (saved) {
      this.#id = saved.id;
      this.messages = saved.messages;
    }
  }

  clear(): void {
    this.stop();
    this.#id = crypto.randomUUID();
    this.messages = [];
  }

  stop(): void {
    this.#abort?.abort();
  }

  async ask(rawQuestion: string): Promise<void> {
    const question = rawQuestion.trim();
    if (!question || this.busy) return;
    this.busy = true;
    const abort = new AbortController();
    this.#abort = abort;
    this.messages.push({ role: 'user', content: question });
    this.messages.push({ role: 'assistant', content: '', status: 'retrieving' });
    const reply = this.messages[this.messages.length - 1] as LiveMessage;
    try {
      const library = this.#deps.library;
      if (library.isEmpty) throw appError('NO_DOCUMENTS');
      const docIds = library.searchDocIds;
      if (docIds?.length === 0) throw appError('NO_DOCUMENTS', { message: 'Every document is switched off for search. Switch on at least one in the list.' });
      const { k, rerank } = this.#deps.searchOptions();
      const { hits, timings } = await this.#deps.retrieval.call('search', { query: question, k, rerank, ...(docIds ? { docIds } : {}) }, { signal: abort.signal });
      const sources: SourceRef[] = hits.map(({ score: _score, ...hit }, i) => ({ n: i + 1, ...hit }));
      reply.sources = sources;
      reply.reranked = timings.rerankMs !== undefined;
      reply.status = 'loading';
      await this.#deps.model.ensureLoaded();
      reply.status = 'streaming';
      await this.#generate(question, sources, reply, abort.signal);
      reply.status = 'done';
    } catch (error) {
      const appErr = error instanceof AppError ? error : appError('GENERATION_FAILED', { detail: String(error) });
      if (ENGINE_LOST.has(appErr.code)) this.#deps.model.markCrashed(appErr);
      if (appErr.code === 'ABORTED') {
        reply.status = 'stopped';
      } else {
        reply.status = 'error';
        reply.error = { code: appErr.code, message: appErr.message };
      }
    } finally {
      this.busy = false;
      this.#abort = null;
      await this.#save();
    }
  }

  async #generate(question: string, sources: SourceRef[], reply: LiveMessage, signal: AbortSignal): Promise<void> {
    const { temperature, topP, maxAnswerTokens } = this.#deps.sampling();
    const model = this.#deps.model.model;
    const budget = promptBudget(model?.contextLength ?? 2048, maxAnswerTokens, model?.engine === 'wllama' ? 'wllama' : 'webllm');
    const contexts = sources.map((s) => ({ n: s.n, title: sourceTitle(s), text: s.text }));
    // Characters per token differ between tokenizers: when the engine finds the prompt too long,
    // try again with half the passage text (the best-ranked passages are kept).
    for (let contextChars = budget.maxContextChars; ; contextChars = Math.floor(contextChars / 2)) {
      const prompt = buildPrompt(question, contexts, { maxContextChars: contextChars });
      try {
        await this.#stream(prompt, { maxTokens: budget.maxTokens, temperature, topP }, reply, signal);
        return;
      } catch (error) {
        const tooLong = error instanceof AppError && error.code === 'PROMPT_TOO_LONG';
        if (!tooLong || contextChars < 200 || reply.content) throw error;
      }
    }
  }

  async #stream(
    prompt: { system: string; user: string },
    sampling: { maxTokens: number; temperature: number; topP: number },
    reply: LiveMessage,
    signal: AbortSignal,
  ): Promise<void> {
    let pending = '';
    let frame = 0;
    const flush = () => {
      frame = 0;
      reply.content += pending;
      pending = '';
    };
    const result = await this.#deps.llm.call(
      'generate',
      {
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
        ...sampling,
      },
      {
        signal,
        onEvent: (event) => {
          pending += event.text;
          frame ||= requestAnimationFrame(flush);
        },
      },
    ).finally(() => {
      if (frame) cancelAnimationFrame(frame);
      flush();
    });
    reply.content = result.text;
    reply.stats = { firstTokenMs: result.stats.firstTokenMs, tokensPerSecond: result.stats.tokensPerSecond, completionTokens: result.stats.completionTokens };
  }

  async #save(): Promise<void> {
    const first = this.messages.find((m) => m.role === 'user');
    const record: ConversationRecord = {
      id: this.#id,
      title: first?.content.slice(0, 80) ?? 'Conversation',
      updatedAt: Date.now(),
      messages: $state.snapshot(this.messages) as ChatMessageRecord[],
    };
    try {
      await saveConversation(record);
    } catch {
      // The answer is still on screen; a failed save must not hide it.
    }
  }
}
