/**
 * Downloads in flight, one per key (model id). A second caller for the same model joins the running
 * download and its progress instead of starting another one (the manager's "Download" and the first
 * question's load can overlap); a caller that cancels only leaves, and the download itself stops
 * when the last caller has left.
 */
import { appError } from '../../src/lib/errors';

interface Flight<T, P> {
  controller: AbortController;
  listeners: Set<(progress: P) => void>;
  last: P | null;
  promise: Promise<T>;
}

export class DownloadHub<T, P> {
  #flights = new Map<string, Flight<T, P>>();

  /**
   * Run `start` for `key` unless it is already running, and wait for its result.
   * @throws AppError ABORTED when `signal` fires (the download goes on while others wait for it).
   */
  run(
    key: string,
    start: (signal: AbortSignal, onProgress: (progress: P) => void) => Promise<T>,
    onProgress: (progress: P) => void,
    signal: AbortSignal,
  ): Promise<T> {
    if (signal.aborted) return Promise.reject(appError('ABORTED'));
    let flight = this.#flights.get(key);
    if (flight?.controller.signal.aborted) {
      // A download that is winding down still holds its files (OPFS sync handles are exclusive): let it
      // finish, then start afresh.
      return flight.promise.then(
        () => this.run(key, start, onProgress, signal),
        () => this.run(key, start, onProgress, signal),
      );
    }
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T, P> = { controller, listeners: new Set(), last: null, promise: Promise.resolve() as Promise<T> };
      created.promise = start(controller.signal, (progress) => {
        created.last = progress;
        for (const listener of created.listeners) listener(progress);
      }).finally(() => {
        if (this.#flights.get(key) === created) this.#flights.delete(key);
      });
      this.#flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.listeners.add(onProgress);
    if (joined.last !== null) onProgress(joined.last);
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        joined.listeners.delete(onProgress);
        if (joined.listeners.size === 0) joined.controller.abort();
        reject(appError('ABORTED'));
      };
      signal.addEventListener('abort', leave, { once: true });
      joined.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          joined.listeners.delete(onProgress);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          joined.listeners.delete(onProgress);
          reject(error);
        },
      );
    });
  }

  isRunning(key: string): boolean {
    return this.#flights.has(key);
  }

  /** Stop one download for every caller, and wait until it has let go of its files. */
  async cancel(key: string): Promise<void> {
    const flight = this.#flights.get(key);
    if (!flight) return;
    flight.controller.abort();
    await flight.promise.catch(() => {});
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.#flights.keys()].map((key) => this.cancel(key)));
  }
}
