import { expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import type { DeviceCapabilities } from '../device/capabilities';
import { recommendedFor } from './recommended';

const catalog = {
  version: 1,
  modelBaseUrl: 'https://models.example.org/',
  libBaseUrl: 'https://libs.example.org/',
  defaults: { llm: 'gpu-small', llmWasm: 'cpu-small', embedder: 'e' },
  models: [
    { id: 'gpu-small', name: 'GPU small', kind: 'llm', engine: 'webllm', repo: 'r', revision: 'main', quantization: 'q4f32_1', downloadSizeMB: 500, memoryMB: 900, contextLength: 4096, requiredFeatures: [], license: 'x', sourceUrl: '', paramsM: 800, modelLib: 'l.wasm', lowResource: false, languages: ['en', 'de'] },
    { id: 'cpu-small', name: 'CPU small', kind: 'llm', engine: 'wllama', repo: 'r', revision: 'main', quantization: 'Q8_0', downloadSizeMB: 300, memoryMB: 500, contextLength: 4096, requiredFeatures: [], license: 'x', sourceUrl: '', paramsM: 300, file: 'f.gguf' },
  ],
} as Catalog;

const caps = (gpu: DeviceCapabilities['gpu']): DeviceCapabilities => ({ gpu, deviceMemoryGB: 8, hardwareConcurrency: 4, storage: null, crossOriginIsolated: true });
const realGpu = { isFallbackAdapter: false, shaderF16: false, maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, features: [], vendor: '', architecture: '', description: '' };

it('says where the recommended model runs, why not on the graphics chip, and whether it speaks the browser’s language', () => {
  expect(recommendedFor(catalog, caps(realGpu), { status: 'absent' }, 'de-AT')).toMatchObject({ model: { id: 'gpu-small' }, why: 'gpu', language: 'de', speaks: true });
  expect(recommendedFor(catalog, caps(null), { status: 'absent' }, 'de-DE')).toMatchObject({ model: { id: 'cpu-small' }, why: 'cpu-no-gpu', language: 'de', speaks: false });
  expect(recommendedFor(catalog, caps({ ...realGpu, isFallbackAdapter: true }), { status: 'absent' }, 'en-US')).toMatchObject({ why: 'cpu-software', language: null, speaks: true });
});
