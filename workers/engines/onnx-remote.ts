/**
 * The ONNX engine as the LLM worker holds it: OnnxLlmEngine running in a nested worker
 * (onnx-host.worker.ts), so a prompt being read never blocks the LLM worker. Stop sets a shared
 * flag the generation loop reads after every token; where memory cannot be shared (a page that is
 * not cross-origin isolated) Stop settles at once with the text so far and the nested worker
 * finishes its answer unseen.
 */
import { appError } from '../../src/lib/errors';
import { WorkerClient } from '../../src/lib/rpc/client';
import type { GeneratePayload, GenerateResult, LoadPayload, LoadResult } from '../llm.protocol';
import { GenerationClock, type LlmEngine, type ProgressReport } from './engine';
import type { OnnxHostProtocol } from './onnx-host.protocol';

/** The nested worker answers pings only between ONNX Runtime runs; the LLM worker's own liveness covers the app. */
const HOST_DEADLINE_MS = 30 * 60_000;

export class OnnxRemoteEngine implements LlmEngine {
  readonly id = 'transformers' as const;
  #client: WorkerClient<OnnxHostProtocol> | null = null;
  #loaded = false;

  #host(): WorkerClient<OnnxHostProtocol> {
    this.#client ??= new WorkerClient<OnnxHostProtocol>(
      () => new Worker(new URL('./onnx-host.worker.ts', import.meta.url), { type: 'module', name: 'onnx-llm' }),
      { deadlineMs: HOST_DEADLINE_MS },
    );
    this.#client.onCrash = () => {
      this.#loaded = false;
    };
    return this.#client;
  }

  async load(options: LoadPayload, onProgress: (progress: ProgressReport) => void, signal: AbortSignal): Promise<LoadResult> {
    this.#loaded = false;
    const result = await this.#host().call('load', options, { signal, onEvent: ({ kind: _, ...p }) => onProgress(p) });
    this.#loaded = true;
    return result;
  }

  async generate(request: GeneratePayload, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateResult> {
    if (!this.#loaded || !this.#client) throw appError('GENERATION_FAILED', { detail: 'no model is loaded' });
    const stop = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    let text = '';
    const clock = new GenerationClock();
    const call = this.#client.call('generate', { request, stop }, {
      onEvent: (e) => {
        text += e.text;
        clock.token();
        onToken(e.text);
      },
      ...(stop ? {} : { signal }),
    });
    const onAbort = () => stop && Atomics.store(stop, 0, 1);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await call;
    } catch (error) {
      if (signal.aborted) return { text, finishReason: 'aborted', stats: clock.stats(0) };
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async unload(): Promise<void> {
    const client = this.#client;
    this.#loaded = false;
    if (client) await client.call('unload', {}).catch(() => {});
  }

  isLoaded(): boolean {
    return this.#loaded;
  }
}
