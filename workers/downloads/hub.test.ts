import { describe, expect, it } from 'vitest';
import { DownloadHub } from './hub';

/** A download that reports progress and finishes when told to (or ends ABORTED when its signal fires). */
function controllable() {
  let finish: (v: string) => void = () => {};
  let report: (p: number) => void = () => {};
  let starts = 0;
  let sawAbort = false;
  const start = (signal: AbortSignal, onProgress: (p: number) => void) => {
    starts++;
    report = onProgress;
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      signal.addEventListener('abort', () => {
        sawAbort = true;
        reject(new Error('aborted'));
      });
    });
  };
  return { start, finish: (v: string) => finish(v), report: (p: number) => report(p), starts: () => starts, sawAbort: () => sawAbort };
}

describe('DownloadHub', () => {
  it('a second caller joins the running download and gets its latest progress', async () => {
    const hub = new DownloadHub<string, number>();
    const d = controllable();
    const seenA: number[] = [];
    const seenB: number[] = [];
    const a = hub.run('m', d.start, (p) => seenA.push(p), new AbortController().signal);
    d.report(10);
    const b = hub.run('m', d.start, (p) => seenB.push(p), new AbortController().signal);
    d.report(20);
    d.finish('file');
    await expect(Promise.all([a, b])).resolves.toEqual(['file', 'file']);
    expect(d.starts()).toBe(1);
    expect(seenA).toEqual([10, 20]);
    expect(seenB).toEqual([10, 20]);
    expect(hub.isRunning('m')).toBe(false);
  });

  it('a caller that cancels leaves with ABORTED while the download goes on for the others', async () => {
    const hub = new DownloadHub<string, number>();
    const d = controllable();
    const leaving = new AbortController();
    const a = hub.run('m', d.start, () => {}, leaving.signal);
    const b = hub.run('m', d.start, () => {}, new AbortController().signal);
    leaving.abort();
    await expect(a).rejects.toMatchObject({ code: 'ABORTED' });
    expect(d.sawAbort()).toBe(false);
    d.finish('file');
    await expect(b).resolves.toBe('file');
  });

  it('the download stops when its last caller leaves, and the next call starts a new one', async () => {
    const hub = new DownloadHub<string, number>();
    const d = controllable();
    const only = new AbortController();
    const a = hub.run('m', d.start, () => {}, only.signal);
    only.abort();
    await expect(a).rejects.toMatchObject({ code: 'ABORTED' });
    expect(d.sawAbort()).toBe(true);
    const again = hub.run('m', d.start, () => {}, new AbortController().signal);
    d.finish('file');
    await expect(again).resolves.toBe('file');
    expect(d.starts()).toBe(2);
  });

  it('cancel stops a download for everyone', async () => {
    const hub = new DownloadHub<string, number>();
    const d = controllable();
    const a = hub.run('m', d.start, () => {}, new AbortController().signal);
    await hub.cancel('m');
    await expect(a).rejects.toThrow('aborted');
    expect(hub.isRunning('m')).toBe(false);
  });
});
