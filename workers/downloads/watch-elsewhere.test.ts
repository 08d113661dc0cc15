import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProgressReport } from '../engines/engine';
import { watchElsewhere } from './watch-elsewhere';

afterEach(() => vi.useRealTimers());

describe('watchElsewhere', () => {
  it('reports what is stored at once and then every interval, as a download elsewhere, until stopped', async () => {
    vi.useFakeTimers();
    let stored = 100;
    const reports: ProgressReport[] = [];
    const stop = watchElsewhere(async () => ({ loadedBytes: stored, totalBytes: 1000 }), (p) => reports.push(p), 400);
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([{ loadedBytes: 100, totalBytes: 1000, phase: 'elsewhere' }]);
    stored = 600;
    await vi.advanceTimersByTimeAsync(400);
    expect(reports.at(-1)?.loadedBytes).toBe(600);
    stop();
    stop(); // twice is fine
    const count = reports.length;
    await vi.advanceTimersByTimeAsync(2000);
    expect(reports).toHaveLength(count);
  });

  it('skips a read that fails (a file being renamed) and goes on', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const reports: ProgressReport[] = [];
    const stop = watchElsewhere(
      async () => {
        calls++;
        if (calls === 1) throw new DOMException('gone', 'NotFoundError');
        return { loadedBytes: 5, totalBytes: 10 };
      },
      (p) => reports.push(p),
      400,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(reports).toHaveLength(1);
    stop();
  });
});
