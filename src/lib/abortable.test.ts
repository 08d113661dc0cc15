import { describe, expect, it } from 'vitest';
import { untilAborted } from './abortable';

describe('untilAborted', () => {
  it('resolves with the work when nothing aborts', async () => {
    await expect(untilAborted(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });

  it('rejects with ABORTED as soon as the signal aborts, before the work ends', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = untilAborted(never, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('rejects at once for a signal aborted already, and passes on the work’s own failure', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(untilAborted(Promise.resolve(1), controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(untilAborted(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });
});
