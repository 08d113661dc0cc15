import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from '../catalog/load';
import type { Catalog, LlmModel } from '../catalog/types';
import type { DeviceCapabilities, GpuCapabilities } from './capabilities';
import { checkFits, missingFeatures, primaryLanguage, recommendLlm, requiredFeaturesOf } from './recommend';
import { wordsFor } from '../i18n/all-catalogs';
import { llmReasonText } from '../models/reason-words';

const say = (r: Parameters<typeof llmReasonText>[1]) => llmReasonText(wordsFor('en'), r);

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
  it('runs a GGUF model on the CPU when WebGPU is only SwiftShader (a fallback adapter); LFM2 has no ONNX build, so no fallback', () => {
    const { model, reason, fallback } = recommendLlm(catalog, device({ gpu: swiftShader }));
    expect(model.engine).toBe('wllama');
    expect(model.paramsM).toBeLessThanOrEqual(1300);
    expect(say(reason)).toMatch(/software/);
    expect(say(reason)).toContain(model.name);
    expect(fallback).toBeUndefined();
  });

  it('runs a CPU pick that has builds for both engines on the faster one measured, the other as fallback', () => {
    // A catalog whose only CPU model is Qwen2.5 0.5B, which has a GGUF and an ONNX build.
    const qwen = llm('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF').sourceUrl;
    const onlyQwen = { ...catalog, models: catalog.models.filter((m) => m.kind !== 'llm' || m.engine === 'webllm' || m.sourceUrl === qwen) };
    const { model, reason, fallback } = recommendLlm(onlyQwen, device({ gpu: swiftShader }));
    // Qwen2.5 0.5B: ONNX Runtime measured faster in cpu-engine-table.ts.
    expect(model.id).toBe('Qwen2.5-0.5B-Instruct-q8-ONNX');
    expect(say(reason)).toMatch(/ONNX Runtime, the faster CPU engine/);
    expect(fallback?.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
    // The same pick with a table that says llama.cpp is faster keeps the GGUF build.
    const table = [{ sourceUrl: model.sourceUrl, threads: 2, figures: [
      { engine: 'wllama' as const, quantization: 'Q4_K_M', firstTokenMs: 5_000, decodeTokensPerSecond: 20 },
      { engine: 'transformers' as const, quantization: 'q8', firstTokenMs: 9_000, decodeTokensPerSecond: 10 },
    ] }];
    const other = recommendLlm(onlyQwen, device({ gpu: swiftShader }), 'en', table);
    expect(other.model.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
    expect(other.fallback?.id).toBe('Qwen2.5-0.5B-Instruct-q8-ONNX');
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
    expect(say(reason)).toMatch(/no WebGPU/);
  });

  it('sizes the CPU model by memory: ~350M below 4 GB, the instruction-following LFM2 rather than SmolLM2', () => {
    const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }));
    expect(model.id).toBe('LFM2-350M-Q8_0-GGUF');
    expect(say(reason)).toContain('IFEval 65.12');
  });

  describe('per tier', () => {
    it('phone-class, 4 GB, no WebGPU: LFM2 700M on the CPU, and the sentence says why', () => {
      const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 4 }));
      expect(model.id).toBe('LFM2-700M-Q4_K_M-GGUF');
      expect(model.engine).toBe('wllama');
      expect(say(reason)).toBe(
        'This browser offers no WebGPU, so Hearth runs LFM2 700M (Q4_K_M, WASM, multilingual) on the CPU on llama.cpp, the faster CPU engine for it here (4 GB of memory): ' +
          'the strongest model that fits and is fast enough on a CPU (instruction following: IFEval 72.2).',
      );
      expect(checkFits(model, device({ gpu: null, deviceMemoryGB: 4 }))).toBeNull();
    });

    it('phone-class, 4 GB, with WebGPU: a ~2B model on the GPU (Qwen3.5 2B), its f32 build cannot fit without shader-f16', () => {
      expect(recommendLlm(catalog, device({ deviceMemoryGB: 4 })).model.id).toBe('Qwen3.5-2B-q4f16_1-MLC');
      // The q4f32 Qwen3.5 2B needs 2.6 GB, over the 4 GB budget (2.4 GB): the next that fits.
      expect(recommendLlm(catalog, device({ deviceMemoryGB: 4, gpu: noF16 })).model.id).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
    });

    it.each([8, 12])('laptop-class, %i GB, WebGPU with shader-f16: Qwen3.5 4B (q4f16)', (deviceMemoryGB) => {
      const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB }));
      expect(model.id).toBe('Qwen3.5-4B-q4f16_1-MLC');
      expect(say(reason)).toBe(
        `Hearth picked Qwen3.5 4B (q4f16, WebGPU) for this GPU and ${deviceMemoryGB} GB of memory: ` +
          'the strongest model that fits here (instruction following: IFEval 89.8).',
      );
    });

    it.each([8, 12])('laptop-class, %i GB, WebGPU without shader-f16: the q4f32 build of the same model, and it says so', (deviceMemoryGB) => {
      const caps = device({ deviceMemoryGB, gpu: noF16 });
      const { model, reason } = recommendLlm(catalog, caps);
      expect(model.id).toBe('Qwen3.5-4B-q4f32_1-MLC');
      expect(requiredFeaturesOf(model)).not.toContain('shader-f16');
      expect(say(reason)).toMatch(/IFEval 89\.8\); the GPU lacks shader-f16, so it is an f32 build\.$/);
      expect(checkFits(model, caps)).toBeNull();
    });

    it('laptop-class without WebGPU (8 GB): LFM2 1.2B, the CPU tier stops at ~1.3B', () => {
      const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 8 }));
      expect(model.id).toBe('LFM2-1.2B-Q4_K_M-GGUF');
      expect(say(reason)).toContain('IFEval 74.9');
      expect(recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 32 })).model.id).toBe('LFM2-1.2B-Q4_K_M-GGUF');
    });

    it.each([16, 32])('strong device, %i GB: Qwen3.5 9B, with or without shader-f16', (deviceMemoryGB) => {
      const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB }));
      expect(model.id).toBe('Qwen3.5-9B-q4f16_1-MLC');
      expect(say(reason)).toContain('IFEval 91.5');
      expect(recommendLlm(catalog, device({ deviceMemoryGB, gpu: noF16 })).model.id).toBe('Qwen3.5-9B-q4f32_1-MLC');
    });

    it('reads the catalog rank, not the order of the records', () => {
      const reversed = { ...catalog, models: [...catalog.models].reverse() };
      for (const deviceMemoryGB of [2, 4, 8, 16]) {
        for (const gpu of [null, realGpu, noF16]) {
          const caps = device({ gpu, deviceMemoryGB });
          expect(recommendLlm(reversed, caps).model.id).toBe(recommendLlm(catalog, caps).model.id);
        }
      }
    });

    it('without ranks (an older catalog), bigger still comes first within the tier', () => {
      const unranked = { ...catalog, models: catalog.models.map(({ rank: _rank, ...m }) => m) } as Catalog;
      const { model, reason } = recommendLlm(unranked, device({ gpu: null, deviceMemoryGB: 2 }));
      expect(model.id).toBe('SmolLM2-360M-Instruct-Q8_0-GGUF');
      expect(say(reason)).not.toMatch(/strongest/);
    });
  });

  it('tiers the GPU by memory: ~1B below 4 GB, ~135M below 2 GB', () => {
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 3 })).model.id).toBe('Qwen3.5-0.8B-q4f16_1-MLC');
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 1 })).model.id).toBe('SmolLM2-135M-Instruct-q0f16-MLC');
  });

  it('falls back to the CPU when no WebGPU build fits (1 GB, no f16: the f32 135M build needs 720 MB)', () => {
    const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB: 1, gpu: noF16 }));
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(say(reason)).toMatch(/No WebGPU model fits/);
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 1.5, gpu: noF16 })).model.id).toBe('SmolLM2-135M-Instruct-q0f32-MLC');
  });

  it('offers the smallest CPU model when nothing fits at all', () => {
    const { model } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 0.25 }));
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
  });

  it('treats unknown memory (Firefox, Safari) as a mid-range device', () => {
    const { model, reason } = recommendLlm(catalog, device({ deviceMemoryGB: null }));
    expect(model.paramsM).toBeLessThanOrEqual(1000);
    expect(say(reason)).toMatch(/unknown amount of memory/);
  });

  it("prefers, within the tier, a model that supports the browser's language, and says so", () => {
    // CPU, below 4 GB: LFM2-350M, which also lists German.
    const german = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }), 'de-AT');
    expect(german.model.id).toBe('LFM2-350M-Q8_0-GGUF');
    expect(say(german.reason)).toMatch(/supports German\.$/);
    // A 2 GB GPU: Gemma 3 1B ranks first but lists only English; in German, Qwen2.5 0.5B, which lists it.
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 2 }), 'de').model.id).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(recommendLlm(catalog, device({ deviceMemoryGB: 2 }), 'en').model.id).toBe('gemma3-1b-it-q4f16_1-MLC');
    // English users get no language note.
    const english = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 2 }), 'en-GB');
    expect(english.model.id).toBe('LFM2-350M-Q8_0-GGUF');
    expect(say(english.reason)).not.toMatch(/supports|English/);
  });

  it('says when no model that fits supports the language (1 GB phone: only the 135M English model)', () => {
    const { model, reason } = recommendLlm(catalog, device({ gpu: null, deviceMemoryGB: 1 }), 'ja-JP');
    expect(model.id).toBe('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(say(reason)).toMatch(/no model that fits here supports Japanese, so answers may come in English\.$/);
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
