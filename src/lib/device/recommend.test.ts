import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import type { LlmModel } from '../catalog/types';
import type { DeviceCapabilities, GpuCapabilities } from './capabilities';
import { checkFits, missingFeatures, primaryLanguage, recommendLlm, requiredFeaturesOf } from './recommend';

const catalog = parseCatalog(shipped);
const GiB = 1024 ** 3;

function llm(id: string): LlmModel {
  const model = catalog.models.find((m) => m.id === id);
  if (!model || model.kind !== 'llm') throw new Error(`test setup: no llm ${id}`);
  return model;
}

/** A discrete/integrated GPU with f16. */
const realGpu: GpuCapabilities = {
  isFallbackAdapter: false,
  shaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 2 * GiB,
  features: ['shader-f16', 'timestamp-query'],
  vendor: 'apple',
  architecture: 'metal-3',
  description: '',
};
/** What headless Chromium with --enable-unsafe-webgpu offers (PLATFORM.md). */
const swiftShader: GpuCapabilities = {
  isFallbackAdapter: true,
  shaderF16: false,
  maxBufferSize: GiB,
  maxStorageBufferBindingSize: GiB,
  features: ['float32-filterable', 'depth-clip-control'],
  vendor: 'google',
  architecture: 'swiftshader',
  description: 'SwiftShader Device (Subzero)',
};

function device(over: Partial<DeviceCapabilities> = {}): DeviceCapabilities {
  return {
    gpu: realGpu,
    deviceMemoryGB: 8,
    hardwareConcurrency: 8,
    storage: { quotaBytes: 10 * GiB, usageBytes: 0 },
    crossOriginIsolated: true,
    ...over,
  };
}
const noF16 = { ...realGpu, shaderF16: false, features: ['timestamp-query'] };

describe('recommendLlm', () => {
  it('runs a CPU model when WebGPU is only SwiftShader (a fallback adapter): on the faster CPU engine measured, the other as fallback', () => {
    const { model, reason, fallback } = recommendLlm(catalog, device({ gpu: swiftShader }));
    expect(model.engine).not.toBe('webllm');
    expect(model.paramsM).toBeLessThanOrEqual(500);
    expect(reason).toMatch(/software/);
    expect(reason).toContain(model.name);
    // Qwen2.5 0.5B: the ONNX build read a 1,000-token prompt in 64 s, the GGUF builds did not finish in 300 s (cpu-engine-table.ts).
    expect(model.id).toBe('Qwen2.5-0.5B-Instruct-q8-ONNX');
    expect(reason).toMatch(/faster CPU engine/);
    expect(fallback?.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
  });

  it('keeps the GGUF build where the ONNX one would not fit the memory, or where no ONNX build exists', () => {
    expect(recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 1 })).fallback).toBeUndefined();
    const twoGb = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }));
    expect(twoGb.model.engine).toBe('wllama');
    expect(twoGb.fallback).toBeUndefined();
  });

  it('runs on the GPU engine, with no CPU fallback, on a real GPU', () => {
    const { model, fallback } = recommendLlm(catalog, device());
    expect(model.engine).toBe('webllm');
    expect(fallback).toBeUndefined();
  });

  it('runs a GGUF model when there is no WebGPU at all, the smallest on a 1 GB phone', () => {
    const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 1 }));
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(reason).toMatch(/no WebGPU/);
  });

  it('sizes the CPU model by memory: ~360M below 4 GB', () => {
    expect(recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 })).model.id).toBe('SmolLM2-360M-Instruct-Q8_0-GGUF');
  });

  it('picks up to a ~1.7B f16 model on a GPU with shader-f16 and 8 GB', () => {
    const { model, reason } = recommendLlm(catalog, device());
    expect(model.engine).toBe('webllm');
    expect(model.id).toBe('SmolLM2-1.7B-Instruct-q4f16_1-MLC');
    expect(reason).toContain('8 GB');
  });

  it('picks a q4f32 build when the GPU lacks shader-f16, and says so', () => {
    const { model, reason } = recommendLlm(catalog, device({ gpu: noF16 }));
    expect(model.engine).toBe('webllm');
    expect(model.quantization).toBe('q4f32_1');
    expect(requiredFeaturesOf(model)).not.toContain('shader-f16');
    expect(reason).toMatch(/shader-f16/);
  });

  it('skips a model whose memory need exceeds the device (no f16, 4 GB: the 1.7B f32 build needs 2.7 GB)', () => {
    const { model } = recommendLlm(catalog, device({ gpu: noF16, deviceMemoryGB: 4 }));
    expect(model.id).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
  });

  it('tiers by memory: ~360M below 4 GB, ~135M below 2 GB', () => {
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 3 })).model.id).toBe('SmolLM2-360M-Instruct-q4f16_1-MLC');
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 1 })).model.id).toBe('SmolLM2-135M-Instruct-q0f16-MLC');
  });

  it('falls back to the CPU when no WebGPU build fits (1 GB, no f16: the f32 135M build needs 720 MB)', () => {
    const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB: 1, gpu: noF16 }));
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(reason).toMatch(/No WebGPU model fits/);
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 1.5, gpu: noF16 })).model.id).toBe('SmolLM2-135M-Instruct-q0f32-MLC');
  });

  it('treats unknown memory (Firefox, Safari) as a mid-range device', () => {
    const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB: null }));
    expect(model.paramsM).toBeLessThanOrEqual(400);
    expect(reason).toMatch(/unknown amount of memory/);
  });

  it("prefers, within the tier, a model that supports the browser's language, and says so", () => {
    // CPU, below 4 GB: the multilingual LFM2-350M instead of the English-only SmolLM2-360M.
    const german = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }), 'de-AT');
    expect(german.model.id).toBe('LFM2-350M-Q8_0-GGUF');
    expect(german.reason).toMatch(/supports German\.$/);
    // A GPU with 8 GB: Qwen2.5 1.5B (German among its languages) rather than the English-only SmolLM2 1.7B.
    expect(recommendLlm(catalog, device(), 'de').model.id).toBe('Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
    // English users get the same picks as before, with no language note.
    const english = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }), 'en-GB');
    expect(english.model.id).toBe('SmolLM2-360M-Instruct-Q8_0-GGUF');
    expect(english.reason).not.toMatch(/supports|English/);
  });

  it('says when no model that fits supports the language (1 GB phone: only the 135M English model)', () => {
    const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 1 }), 'ja-JP');
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(reason).toMatch(/no model that fits here supports Japanese, so answers may come in English\.$/);
  });

  it('reads the primary language of a browser tag', () => {
    expect(primaryLanguage('pt-BR')).toBe('pt');
    expect(primaryLanguage('zh_Hant_TW')).toBe('zh');
    expect(primaryLanguage('')).toBe('en');
    expect(primaryLanguage(undefined)).toBe('en');
  });

  it('never recommends a hidden test model', () => {
    for (const gpu of [null, swiftShader, realGpu, noF16]) {
      for (const deviceMemoryGB of [0.5, 1, 2, 4, 8, null]) {
        expect(recommendLlm(catalog, device({ gpu, deviceMemoryGB })).model.hidden).not.toBe(true);
      }
    }
  });

  it('recommends only models that pass checkFits', () => {
    for (const gpu of [null, swiftShader, realGpu, noF16]) {
      for (const deviceMemoryGB of [1, 2, 3, 4, 8, 16]) {
        const caps = device({ gpu, deviceMemoryGB });
        const { model } = recommendLlm(catalog, caps);
        expect(checkFits(model, caps), `${model.id} on ${gpu?.architecture ?? 'no gpu'} ${deviceMemoryGB} GB`).toBeNull();
      }
    }
  });
});

describe('checkFits', () => {
  it('warns that an f16 model cannot run on SwiftShader (no shader-f16) and that the adapter is software', () => {
    const warning = checkFits(llm('SmolLM2-360M-Instruct-q4f16_1-MLC'), device({ gpu: swiftShader }));
    expect(warning).toMatch(/shader-f16/);
    expect(warning).toMatch(/q4f32/);
    expect(warning).toMatch(/software/);
  });

  it('catches f16 models that web-llm itself leaves unmarked (Qwen2.5 q4f16)', () => {
    const qwen = { ...llm('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'), requiredFeatures: [] };
    expect(missingFeatures(qwen, device({ gpu: noF16 }))).toEqual(['shader-f16']);
    expect(checkFits(qwen, device({ gpu: noF16 }))).toMatch(/shader-f16/);
  });

  it('warns only about speed for a q4f32 model on SwiftShader', () => {
    const warning = checkFits(llm('SmolLM2-360M-Instruct-q4f32_1-MLC'), device({ gpu: swiftShader }));
    expect(warning).not.toMatch(/shader-f16/);
    expect(warning).toMatch(/software/);
  });

  it('warns that a web-llm model needs WebGPU', () => {
    expect(checkFits(llm('SmolLM2-360M-Instruct-q4f32_1-MLC'), device({ gpu: null }))).toMatch(/WebGPU/);
  });

  it('warns when the model needs more memory than the device has', () => {
    const warning = checkFits(llm('Phi-3.5-mini-instruct-q4f32_1-MLC'), device({ deviceMemoryGB: 4 }));
    expect(warning).toMatch(/memory/);
    expect(warning).toMatch(/5\.\d GB/);
    expect(checkFits(llm('Phi-3.5-mini-instruct-q4f32_1-MLC'), device({ deviceMemoryGB: 16 }))).toBeNull();
  });

  it('warns when the download does not fit the storage quota', () => {
    const tight = device({ storage: { quotaBytes: 600 * 1024 ** 2, usageBytes: 500 * 1024 ** 2 } });
    expect(checkFits(llm('SmolLM2-135M-Instruct-Q8_0-GGUF'), tight)).toMatch(/space/);
  });

  it('is happy with a GGUF model on a device without WebGPU', () => {
    expect(checkFits(llm('SmolLM2-135M-Instruct-Q8_0-GGUF'), device({ gpu: null, deviceMemoryGB: 2 }))).toBeNull();
  });
});
