import { describe, expect, it } from 'vitest';
import { memoryBudgetMB } from '../device/recommend';
import { choicesFor, judgeOpenElsewhere, type OpenModel } from './open-elsewhere';

const gpuSmall: OpenModel = { modelId: 'smol-q4f32', engine: 'webllm', memoryMB: 400 };
const gpuBig: OpenModel = { modelId: 'qwen-1.5b-q4f32', engine: 'webllm', memoryMB: 3000 };
const cpuSmall: OpenModel = { modelId: 'stories260K', engine: 'wllama', memoryMB: 16 };
const cpuBig: OpenModel = { modelId: 'big-gguf', engine: 'wllama', memoryMB: 3000 };
const budget8GB = memoryBudgetMB({ deviceMemoryGB: 8 });

describe('judgeOpenElsewhere', () => {
  it('nothing open elsewhere: load without asking', () => {
    expect(judgeOpenElsewhere(gpuBig, [], budget8GB)).toEqual({ ask: false, canLoadHereToo: false });
    expect(judgeOpenElsewhere(cpuBig, [], 100)).toEqual({ ask: false, canLoadHereToo: false });
  });

  it('WebGPU model open elsewhere: always ask; offer "load here too" only when both fit', () => {
    expect(judgeOpenElsewhere(gpuSmall, [gpuSmall], budget8GB)).toEqual({ ask: true, canLoadHereToo: true });
    expect(judgeOpenElsewhere(gpuBig, [gpuBig], budget8GB)).toEqual({ ask: true, canLoadHereToo: false });
  });

  it('a WebGPU load next to CPU models elsewhere asks only when the memory would not do', () => {
    expect(judgeOpenElsewhere(gpuSmall, [cpuSmall], budget8GB).ask).toBe(false);
    expect(judgeOpenElsewhere(gpuBig, [cpuBig], budget8GB)).toEqual({ ask: true, canLoadHereToo: false });
  });

  it('CPU models open twice without asking while they fit, and ask (with no "load here too") when not', () => {
    expect(judgeOpenElsewhere(cpuSmall, [cpuSmall, cpuSmall], budget8GB).ask).toBe(false);
    expect(judgeOpenElsewhere(cpuBig, [cpuBig], budget8GB)).toEqual({ ask: true, canLoadHereToo: false });
    expect(judgeOpenElsewhere(cpuSmall, [gpuBig], budget8GB).ask).toBe(false);
  });

  it('uses the device check’s budget: unknown memory counts as a mid-range device', () => {
    expect(memoryBudgetMB({ deviceMemoryGB: null })).toBe(memoryBudgetMB({ deviceMemoryGB: 3 }));
    expect(judgeOpenElsewhere(gpuSmall, [gpuBig], memoryBudgetMB({ deviceMemoryGB: 4 })).canLoadHereToo).toBe(false);
    expect(judgeOpenElsewhere(gpuSmall, [gpuBig], memoryBudgetMB({ deviceMemoryGB: 16 })).canLoadHereToo).toBe(true);
  });
});

describe('choicesFor', () => {
  it('names each model once, and offers "load here too" by the same rule', () => {
    const choices = choicesFor(gpuSmall, [gpuSmall, gpuSmall, cpuSmall], budget8GB, (id) => (id === 'smol-q4f32' ? 'SmolLM2 360M' : id));
    expect(choices).toEqual({ names: ['SmolLM2 360M', 'stories260K'], modelIds: ['smol-q4f32', 'stories260K'], canLoadHereToo: true, moving: false });
    expect(choicesFor(gpuBig, [gpuBig], budget8GB, (id) => id).canLoadHereToo).toBe(false);
  });
});
