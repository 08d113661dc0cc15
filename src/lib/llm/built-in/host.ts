/**
 * The browser's model behind the same calls as the LLM worker (`load`, `generate`, `unload`,
 * `state`; see workers/llm.protocol.ts), served on the page by a PageHost. Like the worker, it holds
 * one engine and runs one engine request at a time.
 */
import type { PromptApiModel } from '../../catalog/types';
import { appError } from '../../errors';
import { PageHost } from '../../rpc/page-host';
import type { LlmProtocol } from '../../../../workers/llm.protocol';
import { languageModelOf, type LanguageModelStatic } from './api';
import { PromptApiEngine, type BuiltInLoadResult } from './engine';

export interface BuiltInProgressEvent {
  kind: 'progress';
  /** The browser's own download of its model, 0…1 (the Prompt API reports a fraction, not bytes). */
  fraction: number;
}

export type BuiltInProtocol = {
  /** Create the kept session (starting the browser's download of its model where it needs one). */
  load: { payload: { model: PromptApiModel }; result: BuiltInLoadResult; event: BuiltInProgressEvent };
  generate: LlmProtocol['generate'];
  unload: LlmProtocol['unload'];
  state: { payload: Record<string, never>; result: { loaded: BuiltInLoadResult | null }; event: never };
};

export type BuiltInHost = PageHost<BuiltInProtocol>;

/** @param api the browser's `LanguageModel`, looked up at each load (default: the page's). */
export function createBuiltInHost(api: () => LanguageModelStatic | null = () => languageModelOf()): BuiltInHost {
  let engine: PromptApiEngine | null = null;
  let loaded: BuiltInLoadResult | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
  const drop = async () => {
    const old = engine;
    engine = null;
    loaded = null;
    await old?.unload();
  };

  return new PageHost<BuiltInProtocol>({
    load: ({ model }, { signal, emit }) =>
      exclusive(async () => {
        if (loaded?.modelId === model.id && engine?.isLoaded()) return loaded;
        await drop();
        const languageModel = api();
        if (!languageModel) throw appError('BUILT_IN_MODEL_UNAVAILABLE', { detail: 'this browser has no LanguageModel (Prompt API)' });
        const next = new PromptApiEngine(languageModel);
        loaded = await next.load(model, (fraction) => emit({ kind: 'progress', fraction }), signal);
        engine = next;
        return loaded;
      }),

    generate: (payload, { signal, emit }) =>
      exclusive(async () => {
        if (!engine || !loaded) throw appError('GENERATION_FAILED', { detail: 'no model is loaded; call load first' });
        const result = await engine.generate(payload, (text) => emit({ kind: 'token', text }), signal);
        if (signal.aborted) throw appError('ABORTED');
        return result;
      }),

    unload: () => exclusive(drop),

    state: () => ({ loaded: engine?.isLoaded() ? loaded : null }),
  });
}
