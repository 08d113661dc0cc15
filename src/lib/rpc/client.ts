/**
 * Page side of a typed worker protocol: `call` returns a Promise of the request's result and hands
 * its stream events to `onEvent`. Replies for unknown (stale) request ids are dropped. If the worker
 * dies, every pending call fails with WORKER_CRASHED; if it stops answering (see liveness.ts), it is
 * terminated and every pending call fails with WORKER_HUNG. Either way `onCrash` is told and the
 * next call starts a fresh worker.
 */
import { appError, fromWire, type AppError } from '../errors';
import { Liveness } from './liveness';
import type { FromWorker, Protocol, ToWorker } from './protocol';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  onEvent: ((event: unknown) => void) | undefined;
}

export interface CallOptions<E> {
  onEvent?: (event: E) => void;
  /** Aborting rejects the call with ABORTED at once, whatever the worker is doing, and cancels it there. */
  signal?: AbortSignal;
  /**
   * For writes: aborting cancels the call in the worker, but the call settles only with the worker's
   * own reply, since a write past its point of no return still commits and its result must be
   * shown ("cancelled, nothing changed" would be untrue). The liveness check still applies.
   */
  settleWithWorker?: boolean;
}

export interface WorkerClientOptions<P extends Protocol> {
  /**
   * Silence after which a worker with pending calls is hung: terminated and restarted. Default 10 s.
   * ONNX inference of one embedding batch blocks a worker's event loop for up to a second or two on a
   * slow device (and a fresh worker must first load its script), so pongs can come late without
   * anything being wrong; the default leaves room for several such stretches in a row.
   */
  deadlineMs?: number;
  /** How often a worker with pending calls is pinged. Default 1 s. */
  pingIntervalMs?: number;
  /**
   * Per request type: the longest time without any event or result (from any call) before the
   * worker counts as hung although it still answers pings. For calls that report progress, to catch
   * a runtime left wedged (a task killed mid-inference). Unset types rely on pings alone.
   */
  progressDeadlineMs?: { [K in keyof P & string]?: number };
}

export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_PING_INTERVAL_MS = 1_000;

export class WorkerClient<P extends Protocol> {
  #factory: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #liveness: Liveness;
  #progressDeadlineMs: WorkerClientOptions<P>['progressDeadlineMs'];
  /** Called after the worker crashed or hung and its pending calls were failed. */
  onCrash: ((error: AppError) => void) | null = null;

  constructor(factory: () => Worker, options: WorkerClientOptions<P> = {}) {
    this.#factory = factory;
    this.#progressDeadlineMs = options.progressDeadlineMs;
    this.#liveness = new Liveness({
      intervalMs: options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      ping: () => this.#worker?.postMessage({ kind: 'ping' } satisfies ToWorker<P>),
      onHung: (detail) => this.#crash(appError('WORKER_HUNG', { detail })),
    });
  }

  call<K extends keyof P & string>(
    type: K,
    payload: P[K]['payload'],
    options: CallOptions<P[K]['event']> = {},
    transfer: Transferable[] = [],
  ): Promise<P[K]['result']> {
    const { signal, onEvent } = options;
    if (signal?.aborted) return Promise.reject(appError('ABORTED'));
    const worker = this.#ensureWorker();
    const requestId = this.#nextId++;
    return new Promise<P[K]['result']>((resolve, reject) => {
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(requestId);
        this.#liveness.unwatch(requestId);
      };
      const onAbort = () => {
        worker.postMessage({ kind: 'cancel', requestId } satisfies ToWorker<P>);
        if (options.settleWithWorker) return;
        // Settle now rather than wait for the worker's ABORTED: it may be busy for seconds, or hung,
        // and Stop must take effect at once. Its late events and reply are dropped as stale.
        settle();
        reject(appError('ABORTED'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(requestId, {
        resolve: (value) => {
          settle();
          resolve(value as P[K]['result']);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onEvent: onEvent as ((event: unknown) => void) | undefined,
      });
      this.#liveness.watch(requestId, type, this.#progressDeadlineMs?.[type]);
      try {
        worker.postMessage({ kind: 'request', requestId, type, payload } as ToWorker<P>, transfer);
      } catch (cause) {
        // A payload that cannot be cloned never reaches the worker: without this the call would wait forever.
        settle();
        reject(appError('INTERNAL', { detail: `could not send ${type}: ${String(cause)}`, cause }));
      }
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
    // A worker that was replaced no longer speaks for this client (its messages prove nothing).
    const current = () => this.#worker === worker;
    worker.addEventListener('message', (event: MessageEvent<FromWorker<P>>) => {
      if (current()) this.#onMessage(event.data);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (current()) this.#crash(appError('WORKER_CRASHED', { detail: event.message || 'worker error' }));
    });
    worker.addEventListener('messageerror', () => {
      if (current()) this.#crash(appError('WORKER_CRASHED', { detail: 'message could not be decoded' }));
    });
    this.#worker = worker;
    return worker;
  }

  #onMessage(message: FromWorker<P>): void {
    this.#liveness.heard(message.kind !== 'pong');
    if (message.kind === 'pong') return;
    const pending = this.#pending.get(message.requestId);
    if (!pending) return; // stale reply for a request that already ended
    if (message.kind === 'event') pending.onEvent?.(message.event);
    else if (message.kind === 'result') pending.resolve(message.result);
    else pending.reject(fromWire(message.error));
  }

  #crash(error: AppError): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failAll(error);
    this.onCrash?.(error);
  }

  #failAll(error: AppError): void {
    for (const pending of [...this.#pending.values()]) pending.reject(error);
    this.#liveness.stop();
  }
}
