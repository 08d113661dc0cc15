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

const api = {
  /** Loads (downloading first when the model is not stored yet); returns milliseconds. */
  async load(model: LlmModel, modelUrl: string, threads: number, kvCache: KvCacheChoice = 'auto'): Promise<number> {
    await client.call('unload', {});
    const t0 = performance.now();
    await client.call('load', { model, modelUrl, threads, kvCache });
    return performance.now() - t0;
  },

  async answer(question: string, maxTokens: number): Promise<AnswerTiming> {
    const t0 = performance.now();
    let first = 0;
    const result = await client.call(
      'generate',
      { messages: [{ role: 'user', content: question }], maxTokens, temperature: 0.7 },
      { onEvent: () => (first ||= performance.now()) },
    );
    const { stats } = result;
    return {
      firstTokenMs: first - t0,
      tokensPerSecond: stats.tokensPerSecond,
      totalMs: performance.now() - t0,
      promptTokens: stats.promptTokens,
      completionTokens: stats.completionTokens,
    };
  },

  /** One greedy answer to a whole conversation (the app's prompt messages); its timing and text. */
  async answerMessages(messages: ChatMessage[], maxTokens: number): Promise<AnswerTiming & { text: string; reusedTokens: number }> {
    const t0 = performance.now();
    let first = 0;
    const result = await client.call('generate', { messages, maxTokens, temperature: 0 }, { onEvent: () => (first ||= performance.now()) });
    const { stats } = result;
    return {
      firstTokenMs: first - t0,
      tokensPerSecond: stats.tokensPerSecond,
      totalMs: performance.now() - t0,
      promptTokens: stats.promptTokens,
      completionTokens: stats.completionTokens,
      reusedTokens: stats.reusedTokens ?? 0,
      text: result.text,
    };
  },

  unload: () => client.call('unload', {}),
};
export type LlmPageApi = typeof api;

expose(api);
