/**
 * Runs the project's own wllama engine (workers/engines/wllama.ts) in a worker, as the app's LLM
 * worker does, and times it from the outside: load (cold from the network, warm from wllama's OPFS
 * cache) and answers (time to first token as the user sees it, decode speed).
 */
import type { LlmModel } from '../../src/lib/catalog/types';
import { WllamaEngine } from '../../workers/engines/wllama';
import { serveWorker } from './worker-rpc';

let engine: WllamaEngine | null = null;
const never = new AbortController().signal;

export interface AnswerTiming {
  /** From the generate() call to the first streamed text (reads the whole prompt first). */
  firstTokenMs: number;
  /** The engine's own decode speed after the first token. */
  tokensPerSecond: number;
  totalMs: number;
  promptTokens: number;
  completionTokens: number;
}

const api = {
  async load(model: LlmModel, modelUrl: string, threads: number): Promise<number> {
    await engine?.unload();
    engine = new WllamaEngine();
    const t0 = performance.now();
    await engine.load({ model, modelUrl, threads }, () => {}, never);
    return performance.now() - t0;
  },

  async answer(question: string, maxTokens: number): Promise<AnswerTiming> {
    if (!engine) throw new Error('No model loaded');
    const t0 = performance.now();
    let first = 0;
    const result = await engine.generate(
      { messages: [{ role: 'user', content: question }], maxTokens, temperature: 0.7 },
      () => {
        first ||= performance.now();
      },
      never,
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

  async unload(): Promise<void> {
    await engine?.unload();
    engine = null;
  },
};
export type LlmWorkerApi = typeof api;

serveWorker(api);
