import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { removeOfflineCopy, type OfflineCopyDeps } from './offline-copy';

function browser(names: string[], failUnregister = false) {
  const left = new Set(names);
  let unregistered = 0;
  const deps: OfflineCopyDeps = {
    registrations: async () => [
      {
        unregister: async () => {
          if (failUnregister) throw new DOMException('refused', 'SecurityError');
          unregistered++;
          return true;
        },
      },
    ],
    caches: { keys: async () => [...left], delete: async (name) => left.delete(name) },
  };
  return { deps, left, unregistered: () => unregistered };
}

describe('removeOfflineCopy', () => {
  it('unregisters the service worker and deletes only its precache', async () => {
    const b = browser(['workbox-precache-v2-http://127.0.0.1:4173/', 'transformers-cache', 'webllm/model']);
    expect(await removeOfflineCopy(b.deps)).toBe(1);
    expect(b.unregistered()).toBe(1);
    expect([...b.left].sort()).toEqual(['transformers-cache', 'webllm/model']);
  });

  it('says what failed and what to do when the browser refuses', async () => {
    const error = await removeOfflineCopy(browser([], true).deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect((error as AppError).message).toContain('clear this site’s data');
  });

  it('does nothing where there is no service worker or Cache Storage', async () => {
    expect(await removeOfflineCopy({ registrations: async () => [], caches: null })).toBe(0);
  });
});
