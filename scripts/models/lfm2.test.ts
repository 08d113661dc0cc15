import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dequantize, GGML_TYPE, ggmlTypeName } from './ggml-quant.ts';
import { parseGgufHeader, readGgufHeader, readGgufTensorBytes } from './gguf-reader.ts';
import { encodeGgufHeader } from './gguf-writer.ts';
import { checkLfm2Gguf } from './lfm2-checks.ts';
import { lfm2Metadata, lfm2TensorPlan, writeLfm2Ggufs } from './lfm2-gguf.ts';
import { LFM2_700M, lfm2TensorShapes, type Lfm2Shape } from './lfm2-spec.ts';
import { randomNormal } from './prng.ts';

const count = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

describe('LFM2-700M twin', () => {
  it('has the published parameter count and block layout', () => {
    const tensors = lfm2TensorShapes(LFM2_700M.shape);
    expect(tensors.reduce((sum, t) => sum + count(t.dims), 0)).toBe(LFM2_700M.params);
    expect(tensors.filter((t) => t.name.endsWith('shortconv.in_proj.weight'))).toHaveLength(10);
    expect(tensors.filter((t) => t.name.endsWith('attn_q.weight')).map((t) => t.block)).toEqual([2, 5, 8, 10, 12, 14]);
    expect(tensors.some((t) => t.name === 'output.weight')).toBe(false); // tied embeddings
  });

  it('Q4_K_M: the published mix of types, and within 1 % of the published file size', () => {
    const { header, dataSize } = encodeGgufHeader(lfm2Metadata(LFM2_700M.shape, 'Q4_K_M'), lfm2TensorPlan(LFM2_700M.shape, 'Q4_K_M'));
    const h = parseGgufHeader(header);
    const types = new Map<string, number>();
    for (const t of h.tensors) types.set(ggmlTypeName(t.type), (types.get(ggmlTypeName(t.type)) ?? 0) + 1);
    // token_embd + 8 ffn_down + 2 attn_v are Q6_K; 55 norms and conv kernels F32; the other 82 matrices Q4_K.
    expect(Object.fromEntries(types)).toEqual({ Q6_K: 11, Q4_K: 82, F32: 55 });
    const size = header.length + dataSize;
    expect(Math.abs(size - LFM2_700M.publishedBytes.Q4_K_M) / LFM2_700M.publishedBytes.Q4_K_M).toBeLessThan(0.01);
    expect(h.metadata.get('lfm2.attention.head_count_kv')).toEqual([0, 0, 8, 0, 0, 8, 0, 0, 8, 0, 8, 0, 8, 0, 8, 0]);
    expect(h.metadata.get('tokenizer.chat_template')).toContain('<|im_start|>assistant');
  });
});

describe('a small LFM2 written end to end', () => {
  // Rows stay multiples of 256 so the k-quants apply as in the real file.
  const shape: Lfm2Shape = { ...LFM2_700M.shape, blockCount: 4, embedding: 256, heads: 4, kvHeads: 2, feedForward: 512, vocabSize: 600, attentionBlocks: [2] };
  let dir = '';
  let outputs: { quant: 'Q4_K_M' | 'Q8_0'; path: string }[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-lfm2-'));
    outputs = (['Q4_K_M', 'Q8_0'] as const).map((quant) => ({ quant, path: join(dir, `small-${quant}.gguf`) }));
    writeLfm2Ggufs(shape, 'test-seed', outputs);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the checks, and the checks catch a wrong layout', () => {
    for (const o of outputs) expect(checkLfm2Gguf(o.path, shape, o.quant)).toEqual([]);
    const problems = checkLfm2Gguf(outputs[0]!.path, { ...shape, attentionBlocks: [1] }, 'Q4_K_M');
    expect(problems.some((p) => p.includes('head_count_kv'))).toBe(true);
    expect(problems.some((p) => p.includes('missing tensor blk.1.attn_q.weight'))).toBe(true);
  });

  it('stores weights that dequantize back to the generated ones', () => {
    const name = 'blk.1.shortconv.in_proj.weight';
    const expected = randomNormal(256 * 768, 0.02, 'test-seed', name);
    for (const o of outputs) {
      const h = readGgufHeader(o.path);
      const type = o.quant === 'Q8_0' ? GGML_TYPE.Q8_0 : GGML_TYPE.Q4_K;
      const values = dequantize(type, readGgufTensorBytes(o.path, h, name), expected.length);
      const maxErr = values.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
      expect(maxErr).toBeLessThan(o.quant === 'Q8_0' ? 0.001 : 0.015);
    }
  });
});
