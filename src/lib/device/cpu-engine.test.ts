import { describe, expect, it } from 'vitest';
import type { LlmModel } from '../catalog/types';
import { answerSeconds, chooseCpuEngine, fasterEngine, rowFor, type EngineTableRow } from './cpu-engine';
import { CPU_ENGINE_TABLE } from './cpu-engine-table';
import shipped from '../../../models.json';

const SRC = 'https://example.org/model';
const gguf = { id: 'm-gguf', engine: 'wllama', sourceUrl: SRC, name: 'M (GGUF)' } as LlmModel;
const onnx = { id: 'm-onnx', engine: 'transformers', sourceUrl: SRC, name: 'M (ONNX)' } as LlmModel;
const other = { id: 'x-onnx', engine: 'transformers', sourceUrl: 'https://example.org/other', name: 'X' } as LlmModel;

function row(threads: number, wllama: [number, number], transformers: [number, number], sourceUrl = SRC): EngineTableRow {
  return {
    sourceUrl,
    threads,
    figures: [
      { engine: 'wllama', quantization: 'Q8_0', firstTokenMs: wllama[0], decodeTokensPerSecond: wllama[1] },
      { engine: 'transformers', quantization: 'q4', firstTokenMs: transformers[0], decodeTokensPerSecond: transformers[1] },
    ],
  };
}

describe('CPU engine choice', () => {
  it('counts the first token plus an answer at the decode speed', () => {
    expect(answerSeconds({ engine: 'wllama', quantization: 'Q8_0', firstTokenMs: 10_000, decodeTokensPerSecond: 50 }, 100)).toBe(12);
  });

  it('picks the engine that finishes an answer sooner, whichever record the recommendation started from', () => {
    const onnxFaster = [row(2, [20_000, 40], [8_000, 20])]; // 23.75 s vs 15.5 s
    expect(chooseCpuEngine(gguf, [gguf, onnx], onnxFaster, 2)).toMatchObject({ model: onnx, fallback: gguf });
    expect(chooseCpuEngine(onnx, [gguf, onnx], onnxFaster, 2)).toMatchObject({ model: onnx, fallback: gguf });
    const ggufFaster = [row(2, [8_000, 40], [7_000, 10])]; // 11.75 s vs 22 s: a faster first token is not enough
    expect(chooseCpuEngine(onnx, [gguf, onnx], ggufFaster, 2)).toMatchObject({ model: gguf, fallback: onnx });
  });

  it('uses the row measured nearest the device threads', () => {
    const table = [row(1, [30_000, 20], [20_000, 15]), row(2, [9_000, 45], [12_000, 20])];
    expect(rowFor(table, SRC, 1)?.threads).toBe(1);
    expect(rowFor(table, SRC, 8)?.threads).toBe(2);
    expect(chooseCpuEngine(gguf, [gguf, onnx], table, 1).model).toBe(onnx);
    expect(chooseCpuEngine(gguf, [gguf, onnx], table, 8).model).toBe(gguf);
  });

  it('keeps the pick when nothing was measured for it or it has no sibling on the other engine', () => {
    expect(chooseCpuEngine(gguf, [gguf, onnx], [], 2)).toEqual({ model: gguf, fallback: onnx, faster: null });
    expect(chooseCpuEngine(gguf, [gguf, other], [row(2, [20_000, 10], [1_000, 100])], 2)).toEqual({ model: gguf, fallback: null, faster: null });
  });

  it('follows the measured table: every row chooses the engine whose answer comes sooner', () => {
    expect(CPU_ENGINE_TABLE.length).toBeGreaterThan(0);
    for (const r of CPU_ENGINE_TABLE) {
      const [w, o] = [r.figures.find((f) => f.engine === 'wllama')!, r.figures.find((f) => f.engine === 'transformers')!];
      const want = answerSeconds(o) < answerSeconds(w) ? onnx : gguf;
      const models = [{ ...gguf, sourceUrl: r.sourceUrl }, { ...onnx, sourceUrl: r.sourceUrl }] as LlmModel[];
      expect(fasterEngine(r)).toBe(want.engine);
      expect(chooseCpuEngine(models[0]!, models, CPU_ENGINE_TABLE, r.threads).model.engine).toBe(want.engine);
    }
  });

  it('runs the shipped CPU default and the ONNX records on the engine the table found faster, with the other record as fallback', () => {
    const models = (shipped.models as LlmModel[]).filter((m) => m.kind === 'llm');
    const byId = (id: string) => models.find((m) => m.id === id)!;
    const lfm2 = chooseCpuEngine(byId(shipped.defaults.llmWasm), models, CPU_ENGINE_TABLE, 2);
    expect(lfm2).toMatchObject({ model: { id: 'LFM2-700M-Q4_K_M-GGUF' }, fallback: { id: 'LFM2-700M-q4-ONNX' }, faster: 'wllama' });
    const qwen = chooseCpuEngine(byId('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF'), models, CPU_ENGINE_TABLE, 2);
    expect(qwen).toMatchObject({ model: { id: 'Qwen2.5-0.5B-Instruct-q8-ONNX' }, faster: 'transformers' });
  });
});
