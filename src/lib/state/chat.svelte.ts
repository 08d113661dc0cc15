/**
 * The conversation: ask → (a follow-up rewritten into a standalone query) → retrieve passages →
 * "the documents don't say" when nothing relevant was found (no model asked) → a quick answer of
 * quoted sentences when no model can run, is still loading, or on request → otherwise a numbered-
 * context prompt streamed from the LLM worker. The sources kept with an answer are exactly the
 * passages the model was given, numbered as in its prompt. Tokens are buffered and flushed once per
 * frame (chat/stream-answer.ts). The conversation is saved after every answer, including stopped and
 * failed ones.
 */
import { AnswerPrompter, type AnswerRequest } from '../chat/answer-prompter';
import { AppError, appError, type ErrorCode } from '../errors';
import { untilAborted } from '../abortable';
import type { AnswerClient } from '../llm/answers';
import type { RetrievalClient } from '../retrieval/client';
import { latestConversation, saveConversation } from '../storage/conversations';
import { scrubInPlace } from '../storage/scrub-document';
import type { ChatMessageRecord, ConversationRecord, SourceRef } from '../storage/schema';
import { autoTitle } from '../storage/conversation-summary';
import { isDontKnow } from '../chat/dont-know';
import { quickExtracts } from '../chat/extracts';
import { standaloneQuery, type RewriteModel } from '../chat/standalone-query';
import { streamAnswer } from '../chat/stream-answer';
import { splitThinking } from '../chat/thinking';
import type { LibraryState } from './library.svelte';
import type { ModelState } from './model.svelte';

export interface ChatDeps {
  retrieval: RetrievalClient;
  /** Where answers are generated: the LLM worker, or the page for the browser's own model. */
  llm: AnswerClient;
  library: LibraryState;
  model: ModelState;
  /** Search options that depend on settings and the device, read at each question. */
  searchOptions: () => { k: number; rerank: boolean };
  sampling: () => { temperature: number; topP: number; maxAnswerTokens: number };
  /** Called after each save that worked (the conversation list follows). */
  onSaved?: (record: ConversationRecord) => void;
}

/** The conversation left while its answer still ran: that answer's save goes to it, then `resolve`. */
interface Detached {
  id: string;
  title: string | undefined;
  messages: LiveMessage[];
  settled: Promise<void>;
  resolve: () => void;
}

/**
 * Errors from the engine after which the LLM worker no longer holds the model: the next question
 * reloads it. (A stopped LLM worker is reported by its client's onCrash; a WORKER_CRASHED here may
 * come from the retrieval worker and says nothing about the model.)
 */
const ENGINE_LOST = new Set<ErrorCode>(['DEVICE_LOST', 'OUT_OF_MEMORY']);
/** Closest passages shown when the documents do not seem to answer. */
const NOT_FOUND_SOURCES = 3;

export type LiveMessage = Omit<ChatMessageRecord, 'status'> & { status?: ChatMessageRecord['status'] | 'retrieving' | 'loading' | 'streaming' };

export class ChatState {
  messages = $state<LiveMessage[]>([]);
  busy = $state(false);
  #id = $state<string>(crypto.randomUUID());
  #abort: AbortController | null = null;
  #deps: ChatDeps;

  constructor(deps: ChatDeps) {
    this.#deps = deps;
  }

  /** Follow-ups are rewritten by the model only when it is loaded already. */
  readonly #rewriter: RewriteModel = {
    ready: () => this.#deps.model.status === 'ready',
    complete: async (system, user, signal) => {
      const { text } = await this.#deps.llm.call(
        'generate',
        { messages: [{ role: 'system', content: system }, { role: 'user', content: user }], maxTokens: 48, temperature: 0, topP: 1 },
        { signal },
      );
      // The rewrite is searched with: a thinking block (or the empty one web-llm streams) is not part of it.
      return splitThinking(text, { final: true }).answer;
    },
  };

  async restore(): Promise<void> {
    const saved = await latestConversation();
    if (saved) await this.load(saved);
  }

  // ── Switching conversations (the list is ConversationsState) ──────────────────────────────────
  /** A title the person gave; undefined: the first question is the title. */
  #title: string | undefined;
  #detached: Detached | null = null;

  get id(): string {
    return this.#id;
  }

  /**
   * Show a stored conversation. An answer still running is stopped and saved to the conversation it
   * belongs to; the promise settles once it is.
   */
  load(record: ConversationRecord): Promise<void> {
    const settled = this.#detach();
    this.#id = record.id;
    this.messages = record.messages;
    this.#title = record.title === autoTitle(record.messages) ? undefined : record.title;
    return settled;
  }

  /** Start an empty conversation; the current one stays saved (nothing is lost). */
  newConversation(): Promise<void> {
    const settled = this.#detach();
    this.#id = crypto.randomUUID();
    this.messages = [];
    this.#title = undefined;
    return settled;
  }

  /** The open conversation was renamed: later saves keep that title. */
  retitle(title: string): void {
    this.#title = title;
  }

  /** Documents deleted while this page is open: every save takes their text out again. */
  #removedDocs = new Set<string>();
  /** Builds each answer's prompt and remembers what was sent (see answer-prompter.ts). */
  readonly #prompter = new AnswerPrompter();
  /** A document was deleted (its stored quotes are gone): its text leaves the messages in memory too. */
  documentRemoved(docId: string): void {
    this.#removedDocs.add(docId);
    this.#prompter.forgetDocument(docId);
    // An answer being written from its passages stops: the model must not go on quoting them.
    if (scrubInPlace(this.messages.filter((m) => m.status === 'loading' || m.status === 'streaming'), this.#removedDocs)) this.stop();
    scrubInPlace([...this.messages, ...(this.#detached?.messages ?? [])], this.#removedDocs);
  }

  /** A document with this id is stored again (a backup restored it): its passages may be cited again. */
  documentAdded(docId: string): void {
    this.#removedDocs.delete(docId);
  }

  #detach(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    if (!this.#detached) {
      let resolve = () => {};
      const settled = new Promise<void>((r) => (resolve = r));
      this.#detached = { id: this.#id, title: this.#title, messages: this.messages, settled, resolve };
      this.stop();
    }
    return this.#detached.settled;
  }
  // ───────────────────────────────────────────────────────────────────────────────────────────────

  stop(): void {
    this.#abort?.abort();
  }

  /** Ask a question; `quick` answers with quoted sentences only, without the model. */
  async ask(rawQuestion: string, options: { quick?: boolean } = {}): Promise<void> {
    const question = rawQuestion.trim();
    if (!question || this.busy) return;
    this.messages.push({ role: 'user', content: question });
    await this.#answer(this.messages.length - 1, options.quick ?? false);
  }

  /** Answer the question before the assistant message at `index` again, in its place. */
  async regenerate(index: number): Promise<void> {
    if (this.busy || this.messages[index]?.role !== 'assistant' || this.messages[index - 1]?.role !== 'user') return;
    await this.#answer(index - 1, false);
  }

  /** Change the question at `index`, drop everything after it, and ask it again. */
  async editAndResend(index: number, text: string): Promise<void> {
    const question = text.trim();
    const message = this.messages[index];
    if (this.busy || !question || message?.role !== 'user') return;
    message.content = question;
    this.messages.splice(index + 1);
    await this.#answer(index, false);
  }

  /** Answers the user message at `userIndex` into the message after it (replacing one that is there). */
  async #answer(userIndex: number, quick: boolean): Promise<void> {
    this.busy = true;
    const abort = new AbortController();
    this.#abort = abort;
    const question = (this.messages[userIndex] as LiveMessage).content;
    const replaced = this.messages[userIndex + 1]?.role === 'assistant' ? this.messages[userIndex + 1] : undefined;
    const replaces = replaced ? 1 : 0;
    this.messages.splice(userIndex + 1, replaces, { role: 'assistant', content: '', status: 'retrieving' });
    const reply = this.messages[userIndex + 1] as LiveMessage;
    try {
      const library = this.#deps.library;
      library.assertSearchable();
      const docIds = library.searchDocIds;
      if (docIds?.length === 0) throw appError('NO_DOCUMENTS', { message: 'Every document is switched off for search. Switch on at least one in the list.' });
      // Regenerating keeps the standalone query the answer was searched with.
      const query = replaced?.searchQuery ?? (await standaloneQuery(this.messages, userIndex, this.#rewriter, abort.signal));
      if (query !== question) reply.searchQuery = query;
      const { k, rerank } = this.#deps.searchOptions();
      const result = await this.#deps.retrieval.call('search', { query, k, rerank, ...(docIds ? { docIds } : {}) }, { signal: abort.signal });
      // (a document deleted while this search ran is not given to the model)
      const hits = result.hits.filter((h) => !this.#removedDocs.has(h.docId));
      const found: SourceRef[] = hits.map(({ score: _score, ...hit }, i) => ({ n: i + 1, ...hit }));
      reply.reranked = result.timings.rerankMs !== undefined;
      if (found.length === 0 || result.relevance?.abstain) {
        reply.kind = 'not-found';
        reply.sources = found.slice(0, NOT_FOUND_SOURCES);
        reply.status = 'done';
        return;
      }
      const extracts = quickExtracts(query, found);
      const model = this.#deps.model;
      if (quick || !model.model) {
        Object.assign(reply, { kind: 'extracts', extracts, sources: found, status: 'done' });
        return;
      }
      // Shown as a quick answer while the model downloads or loads; replaced by the answer.
      if (model.status !== 'ready') Object.assign(reply, { extracts, sources: found });
      reply.status = 'loading';
      // Stop acts at once while the model loads (it goes on loading for the next question).
      await untilAborted(model.ensureLoaded(), abort.signal);
      // A passage's document was deleted while the model loaded: do not start writing.
      if (found.some((s) => this.#removedDocs.has(s.docId))) throw appError('ABORTED');
      reply.status = 'streaming';
      await this.#generate(userIndex, found, reply, abort.signal);
      delete reply.extracts;
      reply.kind = 'answer';
      if (isDontKnow(reply.content)) reply.dontKnow = true;
      reply.status = 'done';
    } catch (error) {
      const appErr = error instanceof AppError ? error : appError('GENERATION_FAILED', { detail: String(error) });
      if (ENGINE_LOST.has(appErr.code)) this.#deps.model.markCrashed(appErr);
      // The model could not answer, but the quoted sentences are still worth showing.
      if (reply.extracts?.length && !reply.content) reply.kind = 'extracts';
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

  async #generate(userIndex: number, found: SourceRef[], reply: LiveMessage, signal: AbortSignal): Promise<void> {
    const { temperature, topP, maxAnswerTokens } = this.#deps.sampling();
    const model = this.#deps.model.model;
    const request: AnswerRequest = {
      conversationId: this.#id,
      messages: $state.snapshot(this.messages.slice(0, userIndex + 1)) as ChatMessageRecord[],
      userIndex,
      found,
      model: { id: model?.id ?? '', engine: model?.engine ?? 'webllm', contextLength: this.#deps.model.contextWindow ?? model?.contextLength ?? 2048 },
      maxAnswerTokens,
    };
    // A prompt the engine finds too long is followed by a smaller one (see answer-prompter.ts).
    let tooLong: unknown = appError('PROMPT_TOO_LONG');
    for (const attempt of this.#prompter.attempts(request)) {
      // Honest sources: exactly the passages in this prompt, with their prompt numbers.
      reply.sources = attempt.sources;
      try {
        const read = await streamAnswer(this.#deps.llm, attempt.messages, { maxTokens: attempt.maxTokens, temperature, topP }, reply, signal);
        this.#prompter.answered(request, attempt, reply.content, read);
        return;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'PROMPT_TOO_LONG') || reply.content) throw error;
        tooLong = error;
      }
    }
    throw tooLong;
  }

  /** Every run that sets `busy` ends here (a conversation left meanwhile is saved as itself). */
  async #save(): Promise<void> {
    const detached = this.#detached;
    this.#detached = null;
    const target = detached ?? { id: this.#id, title: this.#title, messages: this.messages };
    // An answer searched before a delete finished may have been given that document's passages.
    scrubInPlace(target.messages, this.#removedDocs);
    const record: ConversationRecord = {
      id: target.id,
      title: target.title ?? autoTitle(target.messages),
      updatedAt: Date.now(),
      messages: $state.snapshot(target.messages) as ChatMessageRecord[],
    };
    try {
      await saveConversation(record);
      this.#deps.onSaved?.(record);
    } catch {
      // The answer is still on screen; a failed save must not hide it.
    } finally {
      detached?.resolve();
    }
  }
}
