import { describe, expect, it } from 'vitest';
import { EMBED_DEVICE_KEY, readEmbedDevice } from './embed-device';

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === EMBED_DEVICE_KEY ? value : null) });

describe('readEmbedDevice', () => {
  it('reads a forced device and treats anything else as auto', () => {
    expect(readEmbedDevice(storageWith('webgpu'))).toBe('webgpu');
    expect(readEmbedDevice(storageWith('wasm'))).toBe('wasm');
    expect(readEmbedDevice(storageWith(null))).toBe('auto');
    expect(readEmbedDevice(storageWith('gpu'))).toBe('auto');
  });

  it('is auto when storage refuses to be read', () => {
    expect(readEmbedDevice({ getItem: () => { throw new Error('denied'); } })).toBe('auto');
  });
});
