/**
 * LLM page: drives the app's own LLM worker (workers/llm.worker.ts) through the app's client, so the
 * whole path is measured: download into OPFS and load (wllama engine), then answers streamed back
 * to the page. Times are taken here, on the page, as the app's UI would see them.
 */
import type { LlmModel } from '../../src/lib/catalog/types';
import { createLlmClient } from '../../src/lib/llm/client';
import type { KvCacheChoice } from '../../workers/engines/kv-cache';
import type { ChatMessage } from '../../workers/llm.protocol';
import { expose } from './expose';

const client = createLlmClient();

export interface AnswerTiming {
  /** From the generate call to the first streamed token on the page (reads the whole prompt first). */
  firstTokenMs: number;
  /** The engine's own decode speed after the first token. */
  tokensPerSecond: number;
  totalMs: number;
  promptTokens: number;
  completionTokens: number;
}

/** Generates, timing the first token as the page sees it. */
async function timedAnswer(messages: ChatMessage[], maxTokens: number, temperature: number): Promise<AnswerTiming & { text: string; reusedTokens: number; cacheCleared: boolean }> {
  const t0 = performance.now();
  let first = 0;
  const result = await client.call('generate', { messages, maxTokens, temperature }, { onEvent: () => (first ||= performance.now()) });
  const { stats } = result;
  return {
    firstTokenMs: first - t0,
    tokensPerSecond: stats.tokensPerSecond,
    totalMs: performance.now() - t0,
    promptTokens: stats.promptTokens,
    completionTokens: stats.completionTokens,
    reusedTokens: stats.reusedTokens ?? 0,
    cacheCleared: result.cacheCleared === true,
    text: result.text,
  };
}

const api = {
  /** Loads (downloading first when the model is not stored yet); returns milliseconds. */
  async load(model: LlmModel, modelUrl: string, threads: number, kvCache: KvCacheChoice = 'auto'): Promise<number> {
    await client.call('unload', {});
    const t0 = performance.now();
    await client.call('load', { model, modelUrl, threads, kvCache });
    return performance.now() - t0;
  },

  /** One answer to a single question, sampled as a person's question would be. */
  answer: (question: string, maxTokens: number): Promise<AnswerTiming> => timedAnswer([{ role: 'user', content: question }], maxTokens, 0.7),

  /** One greedy answer to a whole conversation (the app's prompt messages); its timing and text. */
  answerMessages: (messages: ChatMessage[], maxTokens: number) => timedAnswer(messages, maxTokens, 0),

  unload: () => client.call('unload', {}),
};
export type LlmPageApi = typeof api;

expose(api);
