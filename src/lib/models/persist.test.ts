import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function fresh() {
  return (await import('./persist')).requestPersistentStorage;
}

describe('requestPersistentStorage', () => {
  it('asks the browser once per session, not on every download', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
    const request = await fresh();
    expect(await request()).toBe(true);
    expect(await request()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    expect(await (await fresh())()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('a refusal or a missing API is not an error', async () => {
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => { throw new Error('denied'); } } });
    expect(await (await fresh())()).toBe(false);
    vi.resetModules();
    vi.stubGlobal('navigator', {});
    expect(await (await fresh())()).toBe(false);
  });
});
