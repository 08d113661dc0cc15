/**
 * The page's liveness check on its workers, with a scripted worker and fake timers: a worker that
 * goes silent is hung after the deadline, a busy one never is, an idle client runs no timer, and
 * Stop settles a call at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, WorkerCrashError } from '../errors';
import { WorkerClient, type WorkerClientOptions } from './client';
import type { FromWorker, ToWorker } from './protocol';

type P = {
  search: { payload: { q: string }; event: never; result: string[] };
  ingest: { payload: { name: string }; event: { done: number }; result: 'stored' };
};

/**
 * A worker as the page sees it. `alive` answers pings (after `pongDelayMs`, as a worker whose event
 * loop is blocked by inference answers late); `deaf` runs but never answers a ping (an endless
 * loop); `closed` drops everything (`self.close()`).
 */
class ScriptedWorker {
  mode: 'alive' | 'deaf' | 'closed' = 'alive';
  pongDelayMs = 0;
  terminated = false;
  readonly posted: ToWorker<P>[] = [];
  readonly #listeners: ((event: { data: unknown }) => void)[] = [];

  postMessage(message: ToWorker<P>): void {
    if (this.terminated || this.mode === 'closed') return;
    this.posted.push(message);
    if (message.kind !== 'ping' || this.mode !== 'alive') return;
    if (this.pongDelayMs > 0) setTimeout(() => this.send({ kind: 'pong' }), this.pongDelayMs);
    else queueMicrotask(() => this.send({ kind: 'pong' }));
  }

  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    if (type === 'message') this.#listeners.push(listener);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Deliver a message to the page; `force` even after termination (one already on its way). */
  send(message: FromWorker<P>, force = false): void {
    if ((this.terminated || this.mode === 'closed') && !force) return;
    for (const listener of this.#listeners) listener({ data: message });
  }

  requestId(type: keyof P): number {
    const request = this.posted.find((m) => m.kind === 'request' && m.type === type);
    if (request?.kind !== 'request') throw new Error(`no ${type} request was posted`);
    return request.requestId;
  }

  get pings(): number {
    return this.posted.filter((m) => m.kind === 'ping').length;
  }
}

function setup(options: WorkerClientOptions<P> = {}) {
  const workers: ScriptedWorker[] = [];
  const client = new WorkerClient<P>(() => {
    const worker = new ScriptedWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  }, options);
  const crashes: AppError[] = [];
  client.onCrash = (error) => crashes.push(error);
  return { client, workers, crashes, worker: (i = 0) => workers[i] as ScriptedWorker };
}

/** Watch a promise without awaiting it, so time can be advanced while it is pending. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const code = (error: unknown) => (error instanceof AppError ? error.code : String(error));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a worker that stops answering', () => {
  it('is terminated after the deadline, every pending call fails with WORKER_HUNG, onCrash is told once, and the next call gets a fresh worker', async () => {
    const { client, workers, crashes, worker } = setup();
    const search = track(client.call('search', { q: 'bees' }));
    const ingest = track(client.call('ingest', { name: 'notes.txt' }));
    worker().mode = 'deaf';

    await vi.advanceTimersByTimeAsync(9_999);
    expect(search.settled || ingest.settled, 'nothing is failed before the deadline').toBe(false);
    expect(worker().terminated).toBe(false);
    expect(worker().pings).toBe(9);

    await vi.advanceTimersByTimeAsync(1);
    expect(code(search.error)).toBe('WORKER_HUNG');
    expect(code(ingest.error)).toBe('WORKER_HUNG');
    expect(search.error).toBeInstanceOf(WorkerCrashError);
    expect(worker().terminated).toBe(true);
    expect(crashes.map(code)).toEqual(['WORKER_HUNG']);
    expect(vi.getTimerCount(), 'the watch stopped with the worker').toBe(0);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(crashes, 'onCrash is told once').toHaveLength(1);

    const again = track(client.call('search', { q: 'honey' }));
    expect(workers).toHaveLength(2);
    worker(1).send({ kind: 'result', requestId: worker(1).requestId('search'), type: 'search', result: ['bees.md'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(again.value).toEqual(['bees.md']);
  });

  it('is caught the same way when it closed itself during a call', async () => {
    const { client, worker } = setup();
    const search = track(client.call('search', { q: 'bees' }));
    await vi.advanceTimersByTimeAsync(3_500);
    worker().mode = 'closed';
    await vi.advanceTimersByTimeAsync(9_500);
    expect(search.settled, 'not before the deadline has passed since its last pong').toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(code(search.error)).toBe('WORKER_HUNG');
    expect(worker().terminated).toBe(true);
  });

  it('honours a deadline given to the client', async () => {
    const { client, worker } = setup({ deadlineMs: 3_000, pingIntervalMs: 500 });
    const search = track(client.call('search', { q: 'bees' }));
    worker().mode = 'deaf';
    await vi.advanceTimersByTimeAsync(2_999);
    expect(search.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(code(search.error)).toBe('WORKER_HUNG');
  });

  it('ignores what the worker it replaced still sends', async () => {
    const { client, worker } = setup();
    void client.call('search', { q: 'bees' }).catch(() => {});
    worker().mode = 'deaf';
    await vi.advanceTimersByTimeAsync(10_000);
    const next = track(client.call('search', { q: 'honey' }));
    worker(1).mode = 'deaf';
    for (let t = 0; t < 10; t++) {
      worker(0).send({ kind: 'pong' }, true);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(code(next.error), "the old worker's pongs do not keep the new one alive").toBe('WORKER_HUNG');
  });
});

describe('a worker that is busy but alive', () => {
  it('is never killed while it answers pings, even 2 s late (inference blocking its event loop)', async () => {
    const { client, worker, crashes } = setup();
    const ingest = track(client.call('ingest', { name: 'big.pdf' }));
    worker().pongDelayMs = 2_000;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ingest.settled).toBe(false);
    expect(worker().terminated).toBe(false);
    worker().send({ kind: 'result', requestId: worker().requestId('ingest'), type: 'ingest', result: 'stored' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ingest.value).toBe('stored');
    expect(crashes).toHaveLength(0);
  });

  it('is never killed while it sends progress events, even when it answers no ping', async () => {
    const { client, worker } = setup();
    const seen: number[] = [];
    const ingest = track(client.call('ingest', { name: 'big.pdf' }, { onEvent: (e) => seen.push(e.done) }));
    worker().mode = 'deaf';
    const id = worker().requestId('ingest');
    // 9 s between events: just inside the 10 s deadline, every time.
    for (let done = 1; done <= 8; done++) {
      await vi.advanceTimersByTimeAsync(9_000);
      worker().send({ kind: 'event', requestId: id, type: 'ingest', event: { done } });
    }
    expect(ingest.settled).toBe(false);
    expect(worker().terminated).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('timers', () => {
  it('run only while a call is pending', async () => {
    const { client, worker } = setup();
    expect(vi.getTimerCount(), 'a new client').toBe(0);
    const search = client.call('search', { q: 'bees' });
    expect(vi.getTimerCount(), 'a pending call is watched').toBe(1);
    worker().send({ kind: 'result', requestId: worker().requestId('search'), type: 'search', result: [] });
    await search;
    expect(vi.getTimerCount(), 'after the result').toBe(0);

    const failing = client.call('search', { q: 'honey' });
    const id = worker().posted.filter((m) => m.kind === 'request').at(-1)?.requestId ?? -1;
    worker().send({ kind: 'error', requestId: id, error: { code: 'NO_DOCUMENTS', message: 'none' } });
    await expect(failing).rejects.toMatchObject({ code: 'NO_DOCUMENTS' });
    expect(vi.getTimerCount(), 'after an error').toBe(0);

    const controller = new AbortController();
    const stopped = track(client.call('search', { q: 'wax' }, { signal: controller.signal }));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(code(stopped.error)).toBe('ABORTED');
    expect(vi.getTimerCount(), 'after a stop').toBe(0);
    const pingsBefore = worker().pings;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker().pings, 'an idle worker is not pinged').toBe(pingsBefore);
  });

  it('refuses a deadline shorter than the ping interval', () => {
    expect(() => new WorkerClient<P>(() => new ScriptedWorker() as unknown as Worker, { deadlineMs: 500, pingIntervalMs: 1_000 })).toThrow(RangeError);
  });
});

describe('stop', () => {
  it('rejects the call with ABORTED at once, cancels it in the worker, and drops its late reply', async () => {
    const { client, worker } = setup();
    const controller = new AbortController();
    const seen: number[] = [];
    const ingest = track(client.call('ingest', { name: 'big.pdf' }, { signal: controller.signal, onEvent: (e) => seen.push(e.done) }));
    const search = track(client.call('search', { q: 'bees' }));
    worker().mode = 'deaf'; // busy: it would not answer the cancel for a while
    const id = worker().requestId('ingest');

    controller.abort();
    await vi.advanceTimersByTimeAsync(0); // no time passes: only the promise callbacks run
    expect(code(ingest.error)).toBe('ABORTED');
    expect(worker().posted).toContainEqual({ kind: 'cancel', requestId: id });

    worker().send({ kind: 'event', requestId: id, type: 'ingest', event: { done: 1 } });
    worker().send({ kind: 'result', requestId: id, type: 'ingest', result: 'stored' });
    expect(seen, 'events after the stop are dropped').toEqual([]);

    // The other call is untouched and still answered.
    worker().send({ kind: 'result', requestId: worker().requestId('search'), type: 'search', result: ['bees.md'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(search.value).toEqual(['bees.md']);
  });

  it('of a call already aborted starts no worker', async () => {
    const { client, workers } = setup();
    await expect(client.call('search', { q: 'bees' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(workers).toHaveLength(0);
  });
});

describe('a progress deadline', () => {
  it('catches a call that never moves on although the worker answers pings (a wedged runtime)', async () => {
    const { client, worker, crashes } = setup({ progressDeadlineMs: { ingest: 5_000 } });
    const ingest = track(client.call('ingest', { name: 'big.pdf' }));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(ingest.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(code(ingest.error)).toBe('WORKER_HUNG');
    expect((ingest.error as AppError).detail).toContain('ingest');
    expect(worker().terminated).toBe(true);
    expect(crashes).toHaveLength(1);
  });

  it('is met by progress on any call, and applies only to the types given', async () => {
    const { client, worker } = setup({ progressDeadlineMs: { ingest: 5_000 } });
    const first = track(client.call('ingest', { name: 'a.pdf' }));
    const id = worker().requestId('ingest');
    const queued = track(client.call('ingest', { name: 'b.pdf' })); // waits in the worker's queue, silent
    const search = track(client.call('search', { q: 'bees' })); // no budget: pongs are enough
    for (let done = 1; done <= 20; done++) {
      await vi.advanceTimersByTimeAsync(4_000);
      worker().send({ kind: 'event', requestId: id, type: 'ingest', event: { done } });
    }
    expect(first.settled || queued.settled || search.settled).toBe(false);
    worker().send({ kind: 'result', requestId: id, type: 'ingest', result: 'stored' });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(queued.settled, 'the result was progress too').toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(code(queued.error), 'then nothing moved for 5 s (counted from the first tick after it)').toBe('WORKER_HUNG');
  });
});
