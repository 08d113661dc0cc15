/**
 * Wait for a promise, but give up with ABORTED the moment a signal aborts. The work itself goes on
 * (a model still loading keeps loading for the next question): only this wait ends, so Stop acts at
 * once whatever the work is.
 */
import { appError } from './errors';

export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(appError('ABORTED'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(appError('ABORTED'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
