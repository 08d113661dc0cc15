/** LLM page: one worker running the app's wllama engine (which starts llama.cpp's own worker inside). */
import { expose } from './expose';
import type { LlmWorkerApi } from './llm.worker';
import { connectWorker } from './worker-rpc';

const worker = connectWorker<LlmWorkerApi>(new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module' }));

const api = {
  load: worker.load,
  answer: worker.answer,
  unload: worker.unload,
};
export type LlmPageApi = typeof api;

expose(api);
