import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bertWeights, buildBertGraph, encodeBertModel, fp32Ops } from './bert-onnx.ts';
import { int8Ops, quantizePerColumnInt8, quantizeTensorUint8, roundHalfEven } from './bert-quant-ops.ts';
import { checkBertSummary, expectedBertInitializers } from './checks.ts';
import { Mirror } from './mirror.ts';
import { readOnnx, summarizeOnnx } from './onnx-reader.ts';
import { runTarget } from './run-targets.ts';
import { BERT_IO, MINILM, TINY_BERT, bertParameterShapes, type BertShape } from './specs.ts';
import { tinyBertShape, tinyBertTarget } from './target-tiny-bert.ts';

const dir = mkdtempSync(join(tmpdir(), 'hearth-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Zero weights: the graph and initializer list are the same, and building takes no time. */
function zeroWeights(shape: BertShape): Map<string, Float32Array> {
  return new Map(bertParameterShapes(shape).map(({ name, dims }) => [name, new Float32Array(dims.reduce((a, b) => a * b, 1))]));
}

describe('tiny BERT target', () => {
  const ctx = { mirror: new Mirror(join(dir, 'mirror')), sharedDir: null, log: () => {} };

  it('writes the repo in hub layout, matching its own published shape, and skips a rerun', async () => {
    const first = await runTarget(tinyBertTarget, ctx, false);
    expect(first.status).toBe('built');
    expect(first.problems).toEqual([]);
    expect(first.files.map((f) => f.path).sort()).toEqual(
      ['config.json', 'onnx/model.onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
    const modelPath = join(dir, 'mirror', TINY_BERT.repo, 'resolve', 'main', 'onnx', 'model.onnx');
    const summary = readOnnx(modelPath);
    expect(summary.opset).toBe(17);
    expect(summary.inputs.map((i) => [i.name, i.dtype, i.dims])).toEqual(
      BERT_IO.inputs.map((n) => [n, 'INT64', ['batch_size', 'sequence_length']]));
    expect(summary.outputs).toEqual([{ name: 'last_hidden_state', dtype: 'FLOAT', dims: ['batch_size', 'sequence_length', 32] }]);
    for (const op of ['Gather', 'LayerNormalization', 'MatMul', 'Softmax', 'Transpose', 'Reshape', 'Erf']) expect(summary.ops.has(op), op).toBe(true);
    const config = JSON.parse(readFileSync(join(dir, 'mirror', TINY_BERT.repo, 'resolve', 'main', 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 64 });

    const second = await runTarget(tinyBertTarget, ctx, false);
    expect(second.status).toBe('kept');
    expect(second.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
  });

  it('rebuilds a file that was tampered with', async () => {
    const modelPath = join(dir, 'mirror', TINY_BERT.repo, 'resolve', 'main', 'onnx', 'model.onnx');
    const good = readFileSync(modelPath);
    writeFileSync(modelPath, good.subarray(0, 100));
    const report = await runTarget(tinyBertTarget, ctx, false);
    expect(report.status).toBe('built');
    expect(readFileSync(modelPath).equals(good)).toBe(true);
  });

  it('checks catch a model whose shapes differ from the spec', () => {
    const modelPath = join(dir, 'mirror', TINY_BERT.repo, 'resolve', 'main', 'onnx', 'model.onnx');
    const shape = tinyBertShape(readOnnx(modelPath).initializers.get('embeddings.word_embeddings.weight')!.dims[0]!);
    expect(checkBertSummary(readOnnx(modelPath), shape, false)).toEqual([]);
    const problems = checkBertSummary(readOnnx(modelPath), { ...shape, intermediateSize: 128 }, false);
    expect(problems.some((p) => p.startsWith('encoder.layer.0.intermediate.dense.weight'))).toBe(true);
  });
});

describe('all-MiniLM-L6-v2 twin', () => {
  it('fp32: initializers, inputs and output equal the published shapes', () => {
    const g = buildBertGraph(MINILM.shape, zeroWeights(MINILM.shape), fp32Ops);
    const summary = summarizeOnnx(g.model({ name: 'g', opset: 17, producer: 't', docString: '' }));
    expect(checkBertSummary(summary, MINILM.shape, false)).toEqual([]);
    expect(summary.initializers.get('embeddings.word_embeddings.weight')).toMatchObject({ dtype: 'FLOAT', dims: [30522, 384] });
    expect(summary.initializers.get('encoder.layer.5.intermediate.dense.weight')).toMatchObject({ dims: [384, 1536] });
    expect(summary.initializers.has('encoder.layer.6.output.dense.weight')).toBe(false);
  });

  it('int8: the dynamic-quantization pattern with int8 weights and uint8 embedding tables', () => {
    const g = buildBertGraph(MINILM.shape, zeroWeights(MINILM.shape), int8Ops);
    const summary = summarizeOnnx(g.model({ name: 'g', opset: 17, producer: 't', docString: '' }));
    expect(checkBertSummary(summary, MINILM.shape, true)).toEqual([]);
    expect(summary.ops.get('MatMulInteger')).toBe(6 * 8); // q, k, v, scores, context, out, up, down per layer
    // Per layer: one shared by q/k/v, two each for scores and context, one each before out, up, down.
    expect(summary.ops.get('DynamicQuantizeLinear')).toBe(6 * 8);
    expect(summary.ops.get('DequantizeLinear')).toBe(3);
    expect(summary.ops.has('MatMul')).toBe(false);
    expect(summary.initializers.get('encoder.layer.0.attention.self.query.weight_scale')).toMatchObject({ dtype: 'FLOAT', dims: [384] });
    const weightBytes = [...expectedBertInitializers(MINILM.shape, true).keys()].reduce((s, n) => s + summary.initializers.get(n)!.bytes, 0);
    expect(weightBytes).toBeGreaterThan(22_000_000); // ~1 byte per parameter, like the published 23 MB file
  });

  it('encodes and decodes through protobuf unchanged (small config, real weights)', () => {
    const shape = { ...MINILM.shape, vocabSize: 100, hiddenSize: 24, numHeads: 3, intermediateSize: 48, numLayers: 1 };
    for (const quantized of [false, true]) {
      const path = join(dir, `small-${quantized}.onnx`);
      writeFileSync(path, encodeBertModel(shape, bertWeights(shape, 's'), quantized, 'test'));
      expect(checkBertSummary(readOnnx(path), shape, quantized)).toEqual([]);
    }
  });
});

describe('ONNX Runtime-style quantizers', () => {
  it('rounds halves to even like numpy', () => {
    expect([0.5, 1.5, 2.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([0, 2, 2, -2, -2, 2, -3]);
  });

  it('quantizes weights per output column into [-64, 64] with zero points 0', () => {
    // 2 rows × 3 columns: column maxima 2, 0.5 and 0 (a zero column gets scale 1, as ORT does)
    const { q, scales, zeroPoints } = quantizePerColumnInt8(Float32Array.of(2, -0.25, 0, -1, 0.5, 0), 2, 3);
    expect(Array.from(scales)).toEqual([2 / 64, 0.5 / 64, 1]);
    expect(Array.from(q)).toEqual([64, -32, 0, -32, 64, 0]);
    expect(Array.from(zeroPoints)).toEqual([0, 0, 0]);
  });

  it('quantizes an embedding table to uint8 with a range that includes 0', () => {
    const { q, scale, zeroPoint } = quantizeTensorUint8(Float32Array.of(-1, 0, 2.4, 0.6));
    expect(scale).toBeCloseTo(3.4 / 255, 7);
    expect(zeroPoint).toBe(75); // round(1 / (3.4/255)) = round(75.0)
    expect(Array.from(q)).toEqual([0, 75, 255, 75 + 45]); // 0.6 / scale = 45
  });
});
