import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLlamaGguf } from './checks.ts';
import { dequantize, GGML_TYPE, ggmlTypeName } from './ggml-quant.ts';
import { kv } from './gguf-format.ts';
import { parseGgufHeader, readGgufHeader, readGgufTensorBytes, tensorCount } from './gguf-reader.ts';
import { encodeGgufHeader, GgufFileWriter } from './gguf-writer.ts';
import { llamaMetadata, llamaTensorPlan, writeLlamaGgufs } from './llama-gguf.ts';
import { randomNormal } from './prng.ts';
import { SMOLLM2, llamaExpectedMetadata, llamaTensorShapes, llamaTensorTypeName, type LlamaShape } from './specs.ts';

const dir = mkdtempSync(join(tmpdir(), 'hearth-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GGUF header', () => {
  it('round-trips every metadata kind and the tensor infos', () => {
    const kvs = [
      kv.str('general.architecture', 'llama'),
      kv.u32('llama.block_count', 30),
      kv.i32('some.i32', -7),
      kv.f32('llama.rope.freq_base', 100000),
      kv.bool('tokenizer.ggml.add_bos_token', false),
      kv.strs('tokenizer.ggml.tokens', ['<s>', 'Ġhello', 'ü']),
      kv.i32s('tokenizer.ggml.token_type', [3, 1, 1]),
      { key: 'x.u64', kind: 'UINT64' as const, value: 2n ** 40n },
    ];
    const plans = [
      { name: 'a.weight', dims: [64, 3], type: GGML_TYPE.Q8_0 },
      { name: 'b.norm', dims: [5], type: GGML_TYPE.F32 },
      { name: 'c.weight', dims: [32, 2], type: GGML_TYPE.Q4_0 },
    ];
    const path = join(dir, 'roundtrip.gguf');
    const writer = new GgufFileWriter(path, kvs, plans);
    writer.writeTensor(new Uint8Array(6 * 34));
    writer.writeTensor(new Uint8Array(20));
    writer.writeTensor(new Uint8Array(2 * 18));
    const { size } = writer.finish();

    const h = readGgufHeader(path);
    expect(h.version).toBe(3);
    expect(h.metadata.get('general.architecture')).toBe('llama');
    expect(h.metadata.get('llama.block_count')).toBe(30);
    expect(h.metadata.get('some.i32')).toBe(-7);
    expect(h.metadata.get('llama.rope.freq_base')).toBe(100000);
    expect(h.metadata.get('tokenizer.ggml.add_bos_token')).toBe(false);
    expect(h.metadata.get('tokenizer.ggml.tokens')).toEqual(['<s>', 'Ġhello', 'ü']);
    expect(h.metadata.get('tokenizer.ggml.token_type')).toEqual([3, 1, 1]);
    expect(h.metadata.get('x.u64')).toBe(2 ** 40);
    expect(h.kinds.get('tokenizer.ggml.tokens')).toBe('ARRAY:STRING');
    expect(h.kinds.get('llama.rope.freq_base')).toBe('FLOAT32');
    // Offsets are relative to the 32-aligned data section, each tensor padded to 32.
    expect(h.dataOffset % 32).toBe(0);
    expect(h.tensors.map((t) => [t.name, t.dims, t.type, t.offset])).toEqual([
      ['a.weight', [64, 3], GGML_TYPE.Q8_0, 0],
      ['b.norm', [5], GGML_TYPE.F32, 224],
      ['c.weight', [32, 2], GGML_TYPE.Q4_0, 256],
    ]);
    expect(size).toBe(h.dataOffset + 256 + 64);
  });

  it('rejects a file that is not GGUF', () => {
    expect(() => parseGgufHeader(new TextEncoder().encode('not a gguf file at all'))).toThrow(/magic/);
  });
});

describe('SmolLM2-135M-Instruct twin', () => {
  for (const quant of ['Q8_0', 'Q4_0'] as const) {
    it(`${quant}: header carries the published metadata, tensor shapes and types`, () => {
      const { header, dataSize } = encodeGgufHeader(llamaMetadata(SMOLLM2.shape, quant), llamaTensorPlan(SMOLLM2.shape, quant));
      const h = parseGgufHeader(header);
      for (const [key, value] of Object.entries(llamaExpectedMetadata(SMOLLM2.shape, quant))) {
        if (typeof value === 'number') expect(h.metadata.get(key) as number, key).toBeCloseTo(value, 9);
        else expect(h.metadata.get(key), key).toBe(value);
      }
      expect((h.metadata.get('tokenizer.ggml.tokens') as string[]).length).toBe(49152);
      expect(h.metadata.get('tokenizer.chat_template')).toContain('<|im_start|>assistant');
      const want = llamaTensorShapes(SMOLLM2.shape);
      expect(h.tensors.map((t) => t.name)).toEqual(want.map((t) => t.name));
      expect(h.tensors.map((t) => t.dims)).toEqual(want.map((t) => t.dims));
      expect(h.tensors.map((t) => ggmlTypeName(t.type))).toEqual(want.map((t) => llamaTensorTypeName(t.name, quant)));
      expect(h.tensors.some((t) => t.name === 'output.weight')).toBe(false); // tied embeddings
      const params = h.tensors.reduce((sum, t) => sum + tensorCount(t), 0);
      expect(params).toBe(134_515_008); // SmolLM2-135M's parameter count
      // Whole-file size without writing the 145 MB: header + data section.
      expect(header.length + dataSize).toBe(quant === 'Q8_0' ? 144_477_184 : 91_393_024);
    });
  }
});

describe('a small llama written end to end', () => {
  const shape: LlamaShape = { ...SMOLLM2.shape, blockCount: 2, embedding: 64, heads: 4, kvHeads: 2, feedForward: 128, vocabSize: 600 };
  const outputs = (['Q8_0', 'Q4_0'] as const).map((quant) => ({ quant, path: join(dir, `small-${quant}.gguf`) }));
  let written: ReturnType<typeof writeLlamaGgufs> = [];
  beforeAll(() => {
    written = writeLlamaGgufs(shape, 'test-seed', outputs);
  });

  it('passes the same checks as the real twin, and the checks catch a wrong shape', () => {
    for (const o of outputs) expect(checkLlamaGguf(o.path, shape, o.quant)).toEqual([]);
    const problems = checkLlamaGguf(outputs[0]!.path, { ...shape, feedForward: 256 }, 'Q8_0');
    expect(problems.some((p) => p.includes('llama.feed_forward_length'))).toBe(true);
    expect(problems.some((p) => p.includes('blk.0.ffn_up.weight'))).toBe(true);
  });

  it('is deterministic and stores weights that dequantize back to the generated ones', () => {
    const again = writeLlamaGgufs(shape, 'test-seed', outputs.map((o) => ({ ...o, path: `${o.path}.again` })));
    expect(again.map((r) => r.sha256)).toEqual(written.map((r) => r.sha256));
    const expected = randomNormal(64 * 64, 0.02, 'test-seed', 'blk.1.attn_q.weight');
    for (const o of outputs) {
      const h = readGgufHeader(o.path);
      const values = dequantize(o.quant === 'Q8_0' ? GGML_TYPE.Q8_0 : GGML_TYPE.Q4_0, readGgufTensorBytes(o.path, h, 'blk.1.attn_q.weight'), 64 * 64);
      const maxErr = Math.max(...values.map((v, i) => Math.abs(v - expected[i]!)));
      expect(maxErr).toBeLessThan(o.quant === 'Q8_0' ? 0.001 : 0.02);
      const norm = dequantize(GGML_TYPE.F32, readGgufTensorBytes(o.path, h, 'output_norm.weight'), 64);
      expect(Array.from(norm)).toEqual(new Array(64).fill(1));
    }
  });
});
