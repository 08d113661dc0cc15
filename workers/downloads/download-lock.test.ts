import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { FakeLockWorld } from '../testing/fake-locks';
import { downloadingElsewhere, downloadLockName, whenNotDownloading, withDownloadLock } from './download-lock';

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('withDownloadLock across two windows', () => {
  it('runs one download; the second window waits, is told so, and then runs on what the first stored', async () => {
    const world = new FakeLockWorld();
    const [a, b] = [world.client('a'), world.client('b')];
    const stored = { bytes: 0 };
    const downloads: string[] = [];
    const firstMayFinish = deferred();
    const download = (who: string) => async () => {
      if (stored.bytes === 100) return `${who} found it stored`;
      downloads.push(who);
      await firstMayFinish.promise;
      stored.bytes = 100;
      return `${who} downloaded`;
    };
    let waiting = 0;
    let stopped = 0;
    const onWaiting = () => {
      waiting++;
      return () => void stopped++;
    };

    const first = withDownloadLock(a, 'm', new AbortController().signal, onWaiting, download('a'));
    await tick();
    const second = withDownloadLock(b, 'm', new AbortController().signal, onWaiting, download('b'));
    await tick();
    expect(waiting, 'the second window is told another one downloads').toBe(1);
    expect(world.heldNames()).toEqual([downloadLockName('m')]);

    firstMayFinish.resolve();
    expect(await first).toBe('a downloaded');
    expect(await second).toBe('b found it stored');
    expect(downloads).toEqual(['a']);
    expect(stopped).toBeGreaterThanOrEqual(1);
    expect(world.heldNames()).toEqual([]);
  });

  it('a download that dies halfway in one window is taken over by the waiting one', async () => {
    const world = new FakeLockWorld();
    const [a, b] = [world.client('a'), world.client('b')];
    const closed = deferred();
    const first = withDownloadLock(a, 'm', new AbortController().signal, () => () => {}, async () => {
      await closed.promise; // the window closes: its download ends with an error, the lock is let go
      throw new Error('window closed');
    });
    await tick();
    let resumed = false;
    const second = withDownloadLock(b, 'm', new AbortController().signal, () => () => {}, async () => {
      resumed = true;
      return 'resumed';
    });
    await tick();
    expect(resumed).toBe(false);
    closed.resolve();
    await expect(first).rejects.toThrow('window closed');
    expect(await second).toBe('resumed');
  });

  it('cancelling the wait ends with ABORTED and never runs the download', async () => {
    const world = new FakeLockWorld();
    const holdOn = deferred();
    const first = withDownloadLock(world.client('a'), 'm', new AbortController().signal, () => () => {}, () => holdOn.promise);
    await tick();
    const abort = new AbortController();
    let ran = false;
    let stopped = false;
    const second = withDownloadLock(world.client('b'), 'm', abort.signal, () => () => void (stopped = true), async () => void (ran = true));
    await tick();
    abort.abort();
    await expect(second).rejects.toMatchObject({ code: 'ABORTED' });
    expect(stopped, 'the watcher is stopped').toBe(true);
    holdOn.resolve();
    await first;
    expect(ran).toBe(false);
  });

  it('different models download side by side', async () => {
    const world = new FakeLockWorld();
    const both = deferred();
    let waited = false;
    const onWaiting = () => ((waited = true), () => {});
    const one = withDownloadLock(world.client('a'), 'm1', new AbortController().signal, onWaiting, () => both.promise);
    const two = withDownloadLock(world.client('b'), 'm2', new AbortController().signal, onWaiting, () => both.promise);
    await tick();
    expect(world.heldNames().sort()).toEqual([downloadLockName('m1'), downloadLockName('m2')]);
    both.resolve();
    await Promise.all([one, two]);
    expect(waited).toBe(false);
  });

  it('without Web Locks each window simply downloads', async () => {
    expect(await withDownloadLock(null, 'm', new AbortController().signal, () => () => {}, async () => 'ran')).toBe('ran');
  });
});

describe('deleting and listing while another window downloads', () => {
  it('delete is refused with DOWNLOADING_ELSEWHERE while another window holds the lock, and runs after', async () => {
    const world = new FakeLockWorld();
    const holdOn = deferred();
    const download = withDownloadLock(world.client('a'), 'm', new AbortController().signal, () => () => {}, () => holdOn.promise);
    await tick();
    let deleted = false;
    const error = await whenNotDownloading(world.client('b'), 'm', async () => void (deleted = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DOWNLOADING_ELSEWHERE');
    expect(deleted).toBe(false);
    holdOn.resolve();
    await download;
    await whenNotDownloading(world.client('b'), 'm', async () => void (deleted = true));
    expect(deleted).toBe(true);
  });

  it('downloadingElsewhere lists the other windows’ downloads, not this one’s', async () => {
    const world = new FakeLockWorld();
    const here = world.client('here');
    const holdOn = deferred();
    const theirs = withDownloadLock(world.client('there'), 'theirs', new AbortController().signal, () => () => {}, () => holdOn.promise);
    const mine = withDownloadLock(here, 'mine', new AbortController().signal, () => () => {}, () => holdOn.promise);
    await tick();
    expect([...(await downloadingElsewhere(here))]).toEqual(['theirs']);
    holdOn.resolve();
    await Promise.all([theirs, mine]);
    expect([...(await downloadingElsewhere(here))]).toEqual([]);
  });
});
