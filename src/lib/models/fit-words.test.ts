import { expect, it } from 'vitest';
import type { LlmModel } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { checkFits } from '../device/recommend';
import { fitProblems } from './fit-words';

const gpu = { isFallbackAdapter: true, shaderF16: false, maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, features: [], vendor: '', architecture: '', description: '' };
const caps: DeviceCapabilities = { gpu, deviceMemoryGB: 2, hardwareConcurrency: 2, storage: { quotaBytes: 100 * 1024 * 1024, usageBytes: 0 }, crossOriginIsolated: true };
const f16 = { id: 'm', name: 'M', kind: 'llm', engine: 'webllm', repo: 'r', revision: 'main', quantization: 'q4f16_1', downloadSizeMB: 500, memoryMB: 3000, contextLength: 4096, requiredFeatures: [], license: 'x', sourceUrl: '', modelLib: 'l.wasm', lowResource: false } as LlmModel;

it('finds the same problems as checkFits, as kinds with their values', () => {
  expect(fitProblems(f16, caps)).toEqual([
    { kind: 'noF16' },
    { kind: 'softwareGpu' },
    { kind: 'memory', needMB: 3000, haveGB: 2 },
    { kind: 'noRoom', sizeMB: 500, freeMB: 100 },
  ]);
  // checkFits says the same four things in one English paragraph.
  expect(checkFits(f16, caps)?.split('. ').length).toBeGreaterThanOrEqual(4);
  expect(fitProblems({ ...f16, quantization: 'q4f32_1', memoryMB: 500, downloadSizeMB: 50 }, { ...caps, gpu: { ...gpu, isFallbackAdapter: false } })).toEqual([]);
  expect(fitProblems(f16, { ...caps, gpu: null })[0]).toEqual({ kind: 'noWebGpu' });
});
