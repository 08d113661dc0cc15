import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AppError, DocumentError, WorkerCrashError, appError } from '../errors';
import { WorkerClient, type WorkerClientOptions } from './client';
import { serve } from './server';

type TestProtocol = {
  add: { payload: { a: number; b: number }; event: never; result: number };
  count: { payload: { to: number }; event: { n: number }; result: 'done' };
  fail: { payload: null; event: never; result: never };
  wait: { payload: null; event: never; result: 'finished' };
  slow: { payload: { ms: number }; event: never; result: 'slept' };
};

/** A Worker stand-in over a real MessageChannel: the same structured-clone boundary. */
function connect(options: WorkerClientOptions<TestProtocol> = {}) {
  const { port1, port2 } = new MessageChannel();
  serve<TestProtocol>(port2 as unknown as Parameters<typeof serve>[0], {
    add: ({ a, b }) => a + b,
    async count({ to }, { emit }) {
      for (let n = 1; n <= to; n++) emit({ n });
      return 'done' as const;
    },
    fail() {
      throw appError('EMPTY_FILE', { detail: 'notes.txt' });
    },
    async wait(_, { signal }) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return 'finished' as const;
    },
    async slow({ ms }) {
      // Waits without blocking the event loop, and without a word to the page until it is done.
      await new Promise((resolve) => setTimeout(resolve, ms));
      return 'slept' as const;
    },
  });
  port2.start();
  const listeners: ((e: { data: unknown }) => void)[] = [];
  port1.on('message', (data) => listeners.forEach((l) => l({ data })));
  const fakeWorker = {
    postMessage: (m: unknown) => port1.postMessage(m),
    addEventListener: (type: string, l: (e: { data: unknown }) => void) => type === 'message' && listeners.push(l),
    terminate: () => port1.close(),
  } as unknown as Worker;
  return new WorkerClient<TestProtocol>(() => fakeWorker, options);
}

describe('typed worker RPC', () => {
  it('returns results and streams events in order', async () => {
    const client = connect();
    expect(await client.call('add', { a: 2, b: 3 })).toBe(5);
    const seen: number[] = [];
    expect(await client.call('count', { to: 4 }, { onEvent: (e) => seen.push(e.n) })).toBe('done');
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('rebuilds the error class and code on the calling side', async () => {
    const error = await connect().call('fail', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as AppError).code).toBe('EMPTY_FILE');
    expect((error as AppError).detail).toBe('notes.txt');
  });

  it('cancels a running request with ABORTED', async () => {
    const controller = new AbortController();
    const pending = connect().call('wait', null, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('fails pending calls with WORKER_CRASHED when the worker is terminated', async () => {
    const client = connect();
    const pending = client.call('wait', null);
    client.terminate();
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashError);
  });

  it('keeps a worker alive through a long silent call: the server answers pings from its event loop', async () => {
    const client = connect({ deadlineMs: 100, pingIntervalMs: 20 });
    let crashed = false;
    client.onCrash = () => (crashed = true);
    expect(await client.call('slow', { ms: 400 })).toBe('slept');
    expect(crashed).toBe(false);
  });

  it('settles a stopped call at once, even when the handler ignores the cancel', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = connect().call('slow', { ms: 2_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(performance.now() - started).toBeLessThan(250);
  });
});
