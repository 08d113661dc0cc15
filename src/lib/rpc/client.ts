/**
 * Page side of a typed worker protocol: `call` returns a Promise of the request's result and hands
 * its stream events to `onEvent`. Replies for unknown (stale) request ids are dropped. If the worker
 * dies, every pending call fails with WORKER_CRASHED and the next call starts a fresh worker.
 */
import { appError, fromWire, type AppError } from '../errors';
import type { Protocol, ResponseMessage, ToWorker } from './protocol';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  onEvent: ((event: unknown) => void) | undefined;
}

export interface CallOptions<E> {
  onEvent?: (event: E) => void;
  signal?: AbortSignal;
}

export class WorkerClient<P extends Protocol> {
  #factory: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  /** Called after the worker crashed and its pending calls were failed. */
  onCrash: ((error: AppError) => void) | null = null;

  constructor(factory: () => Worker) {
    this.#factory = factory;
  }

  call<K extends keyof P & string>(
    type: K,
    payload: P[K]['payload'],
    options: CallOptions<P[K]['event']> = {},
    transfer: Transferable[] = [],
  ): Promise<P[K]['result']> {
    const worker = this.#ensureWorker();
    const requestId = this.#nextId++;
    const { signal, onEvent } = options;
    if (signal?.aborted) return Promise.reject(appError('ABORTED'));
    return new Promise<P[K]['result']>((resolve, reject) => {
      const onAbort = () => {
        // Events already on their way are dropped: a stopped answer stops growing at once.
        const pending = this.#pending.get(requestId);
        if (pending) pending.onEvent = undefined;
        worker.postMessage({ kind: 'cancel', requestId } satisfies ToWorker<P>);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(requestId, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as P[K]['result']);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onEvent: onEvent as ((event: unknown) => void) | undefined,
      });
      const message = { kind: 'request', requestId, type, payload } as ToWorker<P>;
      worker.postMessage(message, transfer);
    });
  }

  /** Stop the worker; pending calls fail with WORKER_CRASHED. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failAll(appError('WORKER_CRASHED', { detail: 'terminated' }));
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#factory();
    worker.addEventListener('message', (event: MessageEvent<ResponseMessage<P>>) => this.#onMessage(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.#crash(event.message || 'worker error');
    });
    worker.addEventListener('messageerror', () => this.#crash('message could not be decoded'));
    this.#worker = worker;
    return worker;
  }

  #onMessage(message: ResponseMessage<P>): void {
    const pending = this.#pending.get(message.requestId);
    if (!pending) return; // stale reply for a request that already ended
    if (message.kind === 'event') {
      pending.onEvent?.(message.event);
    } else if (message.kind === 'result') {
      this.#pending.delete(message.requestId);
      pending.resolve(message.result);
    } else {
      this.#pending.delete(message.requestId);
      pending.reject(fromWire(message.error));
    }
  }

  #crash(detail: string): void {
    this.#worker?.terminate();
    this.#worker = null;
    const error = appError('WORKER_CRASHED', { detail });
    this.#failAll(error);
    this.onCrash?.(error);
  }

  #failAll(error: AppError): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }
}
