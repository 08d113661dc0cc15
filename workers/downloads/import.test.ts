import { describe, expect, it } from 'vitest';
import { quantizationFromName } from './import-gguf';
import { pickLibrary, relativeFiles } from './import-mlc';

describe('quantizationFromName', () => {
  it('finds the usual GGUF quantization labels', () => {
    expect(quantizationFromName('smollm2-135m-instruct-q4_k_m.gguf')).toBe('Q4_K_M');
    expect(quantizationFromName('Qwen2.5-0.5B-Instruct-Q8_0.gguf')).toBe('Q8_0');
    expect(quantizationFromName('model-f16.gguf')).toBe('F16');
    expect(quantizationFromName('stories260K.gguf')).toBeNull();
  });
});

describe('relativeFiles', () => {
  const f = (name: string) => new File(['x'], name);
  it('strips the picked folder name from every path', () => {
    const { folder, byPath } = relativeFiles([
      { path: 'Smol-MLC/mlc-chat-config.json', file: f('mlc-chat-config.json') },
      { path: 'Smol-MLC/params/shard_0.bin', file: f('shard_0.bin') },
    ]);
    expect(folder).toBe('Smol-MLC');
    expect([...byPath.keys()]).toEqual(['mlc-chat-config.json', 'params/shard_0.bin']);
  });
  it('keeps paths as they are when the files do not share one folder', () => {
    const { folder, byPath } = relativeFiles([{ path: 'mlc-chat-config.json', file: f('a') }]);
    expect(folder).toBe('');
    expect(byPath.has('mlc-chat-config.json')).toBe(true);
  });
});

describe('pickLibrary', () => {
  it('takes the only top-level .wasm, or the WebGPU one among several', () => {
    expect(pickLibrary(['a.json', 'smol-webgpu.wasm'])).toBe('smol-webgpu.wasm');
    expect(pickLibrary(['smol-wasm.wasm', 'smol-webgpu.wasm'])).toBe('smol-webgpu.wasm');
    expect(pickLibrary(['a.wasm', 'b.wasm'])).toBeNull();
    expect(pickLibrary(['sub/x.wasm', 'a.json'])).toBeNull();
  });
});
