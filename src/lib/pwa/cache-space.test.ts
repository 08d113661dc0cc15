import { afterEach, describe, expect, it } from 'vitest';
import { APP_CACHE_BYTES, offlineCacheProblem } from './cache-space';

const MB = 1024 * 1024;

/** A Cache Storage whose writes fail with `error` (or work, when it is null). */
function fakeCaches(error: DOMException | null): { deleted: string[] } {
  const seen = { deleted: [] as string[] };
  (globalThis as { caches?: unknown }).caches = {
    open: async () => ({
      put: async () => {
        if (error) throw error;
      },
    }),
    delete: async (name: string) => {
      seen.deleted.push(name);
      return true;
    },
  };
  return seen;
}

afterEach(() => {
  delete (globalThis as { caches?: unknown }).caches;
});

describe('offlineCacheProblem', () => {
  it('is lack of space when the browser reports less room than the app needs', async () => {
    fakeCaches(null);
    expect(await offlineCacheProblem({ estimate: async () => ({ usage: 0, quota: APP_CACHE_BYTES - MB }) })).toBe('space');
  });

  it('is lack of space when a small write is refused for quota, though the estimate shows room', async () => {
    const seen = fakeCaches(new DOMException('full', 'QuotaExceededError'));
    expect(await offlineCacheProblem({ estimate: async () => ({ usage: 0, quota: 10_000 * MB }) })).toBe('space');
    expect(seen.deleted).toEqual(['hearth-space-probe']);
  });

  it('is something else when there is room', async () => {
    const seen = fakeCaches(null);
    expect(await offlineCacheProblem({ estimate: async () => ({ usage: 0, quota: 10_000 * MB }) })).toBe('failed');
    expect(seen.deleted).toEqual(['hearth-space-probe']);
    fakeCaches(new DOMException('gone', 'InvalidStateError'));
    expect(await offlineCacheProblem({ estimate: async () => ({ usage: 0, quota: 10_000 * MB }) })).toBe('failed');
  });
});
