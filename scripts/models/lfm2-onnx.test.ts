import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { DECODER_IO } from './decoder-onnx.ts';
import { lfm2MatmulParams } from '../../bench/model-costs.ts';
import { lfm2BlockMatrices, LFM2_IO } from './lfm2-onnx.ts';
import { LFM2_700M_ONNX, TINY_LFM2 } from './lfm2-onnx-twins.ts';
import { LFM2_700M } from './lfm2-spec.ts';
import { checkLfm2Onnx, writeLfm2Onnx } from './target-lfm2-onnx.ts';

const dir = mkdtempSync(join(tmpdir(), 'hearth-lfm2-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LFM2-700M ONNX twin', () => {
  it('multiplies by the same matrices as the GGUF twin: every published parameter but the norms and the 3-tap conv kernels', () => {
    const s = LFM2_700M_ONNX.shape;
    let onnx = s.embedding * s.vocabSize;
    for (let l = 0; l < s.blockCount; l++) for (const m of lfm2BlockMatrices(s, l)) onnx += m.dims[0] * m.dims[1];
    expect(onnx).toBe(lfm2MatmulParams(s));
    const norms = s.blockCount * 2 * s.embedding + s.attentionBlocks.length * 2 * (s.embedding / s.heads) + s.embedding;
    const kernels = (s.blockCount - s.attentionBlocks.length) * s.embedding * s.convCache;
    expect(onnx + norms + kernels).toBe(LFM2_700M.params);
  });
});

describe('the tiny LFM2 in ONNX layout', () => {
  const graph = join(dir, 'model_q4.onnx');
  const data = join(dir, 'model_q4.onnx_data');
  writeLfm2Onnx(TINY_LFM2, graph, data);
  const s = TINY_LFM2.shape;
  const hd = s.embedding / s.heads;

  const emptyCaches = () => {
    const feeds: Record<string, ort.Tensor> = {};
    for (let l = 0; l < s.blockCount; l++) {
      if (s.attentionBlocks.includes(l)) {
        for (const k of ['key', 'value'] as const) feeds[DECODER_IO.past(l, k)] = new ort.Tensor('float32', new Float32Array(0), [1, s.kvHeads, 0, hd]);
      } else {
        feeds[LFM2_IO.pastConv(l)] = new ort.Tensor('float32', new Float32Array(s.embedding * s.convCache), [1, s.embedding, s.convCache]);
      }
    }
    return feeds;
  };
  const ids = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  const positions = (from: number, n: number) => ids(Array.from({ length: n }, (_, i) => from + i));
  const lastLogits = (out: ort.InferenceSession.OnnxValueMapType) => {
    const logits = out.logits!;
    const v = s.vocabSize;
    return Array.from((logits.data as Float32Array).slice(logits.data.length - v));
  };

  it('reads back as the published layout', () => {
    expect(checkLfm2Onnx(graph, data, TINY_LFM2)).toEqual([]);
  });

  it('gives the same next-token logits from its caches as from reading the whole sequence again', async () => {
    const session = await ort.InferenceSession.create(graph);
    const tokens = [1, 6, 300, 301, 302, 7, 40];
    const whole = await session.run({ input_ids: ids(tokens), attention_mask: ids(tokens.map(() => 1)), position_ids: positions(0, tokens.length), ...emptyCaches() });

    const head = tokens.slice(0, -2);
    const first = await session.run({ input_ids: ids(head), attention_mask: ids(head.map(() => 1)), position_ids: positions(0, head.length), ...emptyCaches() });
    let caches: Record<string, ort.Tensor> = {};
    const carry = (out: ort.InferenceSession.OnnxValueMapType) => {
      caches = {};
      for (const [name, value] of Object.entries(out)) {
        if (name.startsWith('present_conv.')) caches[name.replace('present_conv.', 'past_conv.')] = value as ort.Tensor;
        else if (name.startsWith('present.')) caches[name.replace('present.', 'past_key_values.')] = value as ort.Tensor;
      }
    };
    carry(first);
    let out = first;
    for (let i = head.length; i < tokens.length; i++) {
      out = await session.run({ input_ids: ids([tokens[i]!]), attention_mask: ids(tokens.slice(0, i + 1).map(() => 1)), position_ids: positions(i, 1), ...caches });
      carry(out);
    }
    const a = lastLogits(whole);
    const b = lastLogits(out);
    const scale = Math.max(...a.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    expect(Math.max(...a.map((x, i) => Math.abs(x - b[i]!)))).toBeLessThan(scale * 1e-4);
    await session.release();
  });
});
