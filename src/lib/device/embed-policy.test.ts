import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import type { EmbedderModel } from '../catalog/types';
import { parseCatalog } from '../catalog/load';
import type { GpuCapabilities } from './capabilities';
import { planDocumentEmbedding } from './embed-policy';

const catalog = parseCatalog(shipped);
const miniLm = catalog.models.find((m): m is EmbedderModel => m.id === 'all-MiniLM-L6-v2')!;
const q8Only: EmbedderModel = { ...miniLm, id: 'q8-only' };
delete q8Only.gpuDtype;
const fp32Only: EmbedderModel = { ...miniLm, id: 'fp32-only', dtype: 'fp32' };
delete fp32Only.gpuDtype;

function gpu(overrides: Partial<GpuCapabilities> = {}): GpuCapabilities {
  return { isFallbackAdapter: false, shaderF16: true, maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30, features: ['shader-f16'], vendor: 'nvidia', architecture: 'ampere', description: '', ...overrides };
}

/** What this machine's headless Chromium reports (../shared/PLATFORM.md): SwiftShader, no shader-f16. */
const swiftShader = gpu({ isFallbackAdapter: true, shaderF16: false, features: [], vendor: 'google', architecture: 'swiftshader' });

describe('planDocumentEmbedding', () => {
  it('puts documents on a real GPU, with the GPU file for both sides of the search', () => {
    const plan = planDocumentEmbedding(miniLm, gpu());
    expect(plan.device).toBe('webgpu');
    expect(plan.embedder.dtype).toBe('fp32');
    expect(plan.embedder.id).toBe(miniLm.id);
    expect(miniLm.dtype).toBe('q8'); // the catalog record itself is left as it is
  });

  it('keeps documents on WASM with a software adapter, with no adapter, and when set to the CPU', () => {
    for (const [caps, setting] of [[swiftShader, 'auto'], [null, 'auto'], [gpu(), 'wasm']] as const) {
      const plan = planDocumentEmbedding(miniLm, caps, setting);
      expect(plan.device).toBe('wasm');
      expect(plan.embedder).toBe(miniLm);
    }
    expect(planDocumentEmbedding(miniLm, swiftShader).reason).toContain('software');
  });

  it('keeps a q8 embedder with no GPU file on WASM, since its int8 products would run on the CPU anyway', () => {
    const plan = planDocumentEmbedding(q8Only, gpu());
    expect(plan.device).toBe('wasm');
    expect(plan.reason).toContain('q8');
  });

  it('runs an fp32 embedder on the GPU as it is, and an fp16 one only with shader-f16', () => {
    expect(planDocumentEmbedding(fp32Only, gpu({ shaderF16: false }))).toMatchObject({ device: 'webgpu', embedder: fp32Only });
    const fp16: EmbedderModel = { ...fp32Only, dtype: 'fp16' };
    expect(planDocumentEmbedding(fp16, gpu()).device).toBe('webgpu');
    expect(planDocumentEmbedding(fp16, gpu({ shaderF16: false })).device).toBe('wasm');
  });

  it('forced onto the GPU, uses it even on a software adapter (how the tests prove the path here)', () => {
    expect(planDocumentEmbedding(fp32Only, swiftShader, 'webgpu')).toMatchObject({ device: 'webgpu', embedder: fp32Only });
    expect(planDocumentEmbedding(miniLm, null, 'webgpu').embedder.dtype).toBe('fp32');
  });
});
