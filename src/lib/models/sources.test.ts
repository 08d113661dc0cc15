import { describe, expect, it } from 'vitest';
import type { WebLlmModel, WllamaModel } from '../catalog/types';
import { isLocalModelId, localRepoOf, newLocalModelId, sourceOf } from './sources';

const base = { kind: 'llm' as const, revision: 'main', quantization: 'q', downloadSizeMB: 1, memoryMB: 1, contextLength: 512, requiredFeatures: [], license: 'MIT', sourceUrl: 'https://example.org' };
const gguf: WllamaModel = { ...base, id: 'stories', name: 'S', engine: 'wllama', repo: 'ggml-org/models', file: 'tinyllamas/stories260K.gguf' };
const mlc: WebLlmModel = { ...base, id: 'smol', name: 'M', engine: 'webllm', repo: 'mlc-ai/Smol-MLC', modelLib: 'smol.wasm', lowResource: true };
const catalog = { libBaseUrl: 'https://libs.example.org/v1/' };

describe('sourceOf', () => {
  it('builds catalog URLs from the model base', () => {
    expect(sourceOf(gguf, catalog, 'http://mirror:4180')).toEqual({ modelUrl: 'http://mirror:4180/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf' });
    expect(sourceOf(mlc, catalog, 'http://mirror:4180/')).toEqual({
      modelUrl: 'http://mirror:4180/mlc-ai/Smol-MLC/resolve/main/',
      libUrl: 'https://libs.example.org/v1/smol.wasm',
    });
  });

  it('points imported models at browser storage, never at the network', () => {
    const id = newLocalModelId();
    expect(isLocalModelId(id)).toBe(true);
    expect(sourceOf({ ...gguf, id }, catalog, 'http://mirror')).toEqual({ modelUrl: `opfs:${id}` });
    const local = sourceOf({ ...mlc, id, repo: localRepoOf(id) }, catalog, 'http://mirror');
    expect(local.modelUrl).toBe(`https://imported.hearth.invalid/imported/${id}/resolve/main/`);
    expect(local.libUrl).toBe(`https://imported.hearth.invalid/imported/${id}/resolve/main/smol.wasm`);
  });

  it('catalog ids are not local', () => {
    expect(isLocalModelId('stories260K')).toBe(false);
  });
});
