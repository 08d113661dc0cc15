import { describe, expect, it } from 'vitest';
import { appError } from '../errors';
import { PageHost } from './page-host';

type TestProtocol = {
  count: { payload: { to: number }; result: string; event: { n: number } };
  wait: { payload: Record<string, never>; result: string; event: { n: number } };
  fail: { payload: { how: 'app' | 'other' }; result: never; event: never };
};

/** `wait` runs until its signal aborts, then emits once more and resolves late (as a slow engine would). */
function host(seen: { aborted?: boolean } = {}) {
  return new PageHost<TestProtocol>({
    count: async ({ to }, { emit }) => {
      for (let n = 1; n <= to; n++) emit({ n });
      return `counted to ${to}`;
    },
    wait: ({}, { signal, emit }) =>
      new Promise((resolve) => {
        emit({ n: 1 });
        signal.addEventListener('abort', () => {
          seen.aborted = true;
          emit({ n: 2 });
          setTimeout(() => resolve('finished late'), 20);
        });
      }),
    fail: async ({ how }) => {
      throw how === 'app' ? appError('PROMPT_TOO_LONG') : new TypeError('boom');
    },
  });
}

describe('PageHost', () => {
  it('returns the result and hands over every event, like a worker call', async () => {
    const events: number[] = [];
    expect(await host().call('count', { to: 3 }, { onEvent: (e) => events.push(e.n) })).toBe('counted to 3');
    expect(events).toEqual([1, 2, 3]);
  });

  it('rejects with ABORTED at once on Stop, aborts the handler, and drops what it sends afterwards', async () => {
    const seen: { aborted?: boolean } = {};
    const events: number[] = [];
    const stop = new AbortController();
    let started = () => {};
    const running = new Promise<void>((r) => (started = r));
    const call = host(seen).call('wait', {}, { signal: stop.signal, onEvent: (e) => (events.push(e.n), started()) });
    await running;
    stop.abort();
    await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(events).toEqual([1]);
  });

  it('does not start a handler stopped before it ran', async () => {
    const seen: { aborted?: boolean } = {};
    const events: number[] = [];
    const stop = new AbortController();
    const call = host(seen).call('wait', {}, { signal: stop.signal, onEvent: (e) => events.push(e.n) });
    stop.abort();
    await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([]);
  });

  it('refuses a call whose signal already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(host().call('count', { to: 1 }, { signal: stop.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('keeps AppErrors with their code and turns anything else into INTERNAL with its text', async () => {
    await expect(host().call('fail', { how: 'app' })).rejects.toMatchObject({ code: 'PROMPT_TOO_LONG' });
    await expect(host().call('fail', { how: 'other' })).rejects.toMatchObject({ code: 'INTERNAL', detail: 'TypeError: boom' });
  });
});
