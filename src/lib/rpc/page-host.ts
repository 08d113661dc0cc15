/**
 * The page-side counterpart of `WorkerClient` + `serve`, for an engine that must run on the page
 * itself (the browser's Prompt API, which workers do not have): the same handlers (payload, signal,
 * emit), the same `call(type, payload, { signal, onEvent })`, the same errors (AppErrors with codes,
 * anything else INTERNAL) and the same Stop: aborting rejects the call with ABORTED at once and
 * aborts the handler's signal; its later events and result are dropped.
 */
import { AppError, appError } from '../errors';
import type { CallOptions } from './client';
import type { Protocol } from './protocol';
import type { Handlers, HandlerContext } from './server';

export class PageHost<P extends Protocol> {
  readonly #handlers: Handlers<P>;

  constructor(handlers: Handlers<P>) {
    this.#handlers = handlers;
  }

  call<K extends keyof P & string>(type: K, payload: P[K]['payload'], options: CallOptions<P[K]['event']> = {}): Promise<P[K]['result']> {
    const { signal, onEvent } = options;
    if (signal?.aborted) return Promise.reject(appError('ABORTED'));
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal?.addEventListener('abort', stop, { once: true });
    let settled = false;
    const ctx: HandlerContext<P[K]['event']> = {
      signal: controller.signal,
      emit: (event) => {
        if (!settled && !controller.signal.aborted) onEvent?.(event);
      },
    };
    const handler = this.#handlers[type] as (payload: P[K]['payload'], ctx: HandlerContext<P[K]['event']>) => Promise<P[K]['result']> | P[K]['result'];
    const work = Promise.resolve()
      // Stopped before it started (the handler runs from a microtask, as a worker's from a message).
      .then(() => (controller.signal.aborted ? Promise.reject(appError('ABORTED')) : handler(payload, ctx)))
      .catch((error: unknown) => {
        throw error instanceof AppError ? error : appError('INTERNAL', { detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error), cause: error });
      });
    return new Promise<P[K]['result']>((resolve, reject) => {
      const onAbort = () => reject(appError('ABORTED'));
      controller.signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (result) => (controller.signal.aborted ? reject(appError('ABORTED')) : resolve(result)),
        (error: unknown) => reject(controller.signal.aborted ? appError('ABORTED') : error),
      ).finally(() => {
        settled = true;
        controller.signal.removeEventListener('abort', onAbort);
        signal?.removeEventListener('abort', stop);
      });
    });
  }
}
