/**
 * A follow-up that reads only what is new. On the CPU engine reading the prompt is most of the wait
 * (tens of tokens per second), while llama.cpp keeps the previous prompt and answer in its KV cache
 * (and its prompt cache): a prompt that starts with exactly the previous one is read from where that
 * one ended. So a follow-up in the same conversation is sent as the previous prompt, word for word,
 * then the model's answer, then a new user message with only the passages the previous prompt did not
 * have (numbered after the ones it had; those it had keep their numbers and are not sent again) and
 * the question. When that does not fit the window, the answer is built afresh (llm-messages.ts).
 */
import type { ChatMessage } from '../../../workers/llm.protocol';
import { contextBlock, oneLine } from '../core/prompt';
import { promptChars } from './chars-per-token';
import type { SourceRef } from '../storage/schema';

/** What one answer was given, kept while the page is open (the engine's cache lives no longer). */
export interface SentPrompt {
  messages: ChatMessage[];
  /** The question and the model's answer, as they were: a changed message means another prompt. */
  question: string;
  answer: string;
  modelId: string;
  /** Every passage in the prompt, by chunk id, with the number it had there. */
  numbers: Map<string, number>;
  docIds: Set<string>;
}

export interface ContinuedPrompt {
  messages: ChatMessage[];
  /** The passages for this answer with the numbers they have in this prompt. */
  sources: SourceRef[];
}

const SEPARATOR = '\n\n';

/**
 * The follow-up prompt on top of `base`, or null when it would not fit: `maxPromptChars` bounds the
 * whole prompt (the window), `maxNewChars` the new passages (the reading a person waits for).
 * `found` is best-first; `title` names a passage's document as the fresh prompt would.
 */
export function continuePrompt(
  base: SentPrompt,
  question: string,
  found: readonly SourceRef[],
  title: (s: SourceRef) => string,
  limits: { maxPromptChars: number; maxNewChars: number },
): ContinuedPrompt | null {
  let next = Math.max(0, ...base.numbers.values());
  const room = Math.min(limits.maxNewChars, limits.maxPromptChars - promptChars(base.messages) - base.answer.length - question.length - 32);
  const blocks: string[] = [];
  const sources: SourceRef[] = [];
  let used = 0;
  for (const s of found) {
    const known = base.numbers.get(s.chunkId);
    if (known !== undefined) {
      sources.push({ ...s, n: known });
      continue;
    }
    const text = contextBlock({ n: next + 1, title: title(s), text: s.text });
    if (used + text.length + SEPARATOR.length > room) continue;
    next++;
    used += text.length + SEPARATOR.length;
    blocks.push(text);
    sources.push({ ...s, n: next });
  }
  // The best passage must be in the prompt, else a fresh prompt (which always has it) is better.
  const best = found[0];
  if (!best || !sources.some((s) => s.chunkId === best.chunkId)) return null;
  const user = blocks.length > 0 ? `More contexts:\n\n${blocks.join(SEPARATOR)}\n\nQuestion: ${oneLine(question)}` : `Question: ${oneLine(question)}`;
  return {
    messages: [...base.messages, { role: 'assistant', content: base.answer }, { role: 'user', content: user }],
    sources: sources.sort((a, b) => a.n - b.n),
  };
}

/** The prompts sent in the open page, by conversation and answer; the newest few only. */
export class SentPrompts {
  readonly #byKey = new Map<string, SentPrompt>();
  static readonly KEEP = 8;

  remember(conversationId: string, replyIndex: number, sent: SentPrompt): void {
    const key = `${conversationId}:${replyIndex}`;
    this.#byKey.delete(key);
    this.#byKey.set(key, sent);
    while (this.#byKey.size > SentPrompts.KEEP) this.#byKey.delete(this.#byKey.keys().next().value as string);
  }

  /** The engine no longer holds the prompt of the answer at `replyIndex`. */
  forget(conversationId: string, replyIndex: number): void {
    this.#byKey.delete(`${conversationId}:${replyIndex}`);
  }

  /** The prompt of the answer at `replyIndex`, if that question and answer are still as they were sent. */
  find(conversationId: string, replyIndex: number, question: string | undefined, answer: string | undefined, modelId: string): SentPrompt | null {
    const sent = this.#byKey.get(`${conversationId}:${replyIndex}`);
    return sent && sent.question === question && sent.answer === answer && sent.modelId === modelId ? sent : null;
  }

  /** A document was deleted: no later prompt may carry its passages on. */
  forgetDocument(docId: string): void {
    for (const [key, sent] of this.#byKey) if (sent.docIds.has(docId)) this.#byKey.delete(key);
  }
}

/** The record of a prompt just answered. */
export function sentPrompt(messages: ChatMessage[], question: string, answer: string, modelId: string, sources: readonly SourceRef[], earlier?: SentPrompt): SentPrompt {
  const numbers = new Map(earlier?.numbers ?? []);
  const docIds = new Set(earlier?.docIds ?? []);
  for (const s of sources) {
    numbers.set(s.chunkId, s.n);
    docIds.add(s.docId);
  }
  return { messages, question, answer, modelId, numbers, docIds };
}
