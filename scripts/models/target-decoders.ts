/**
 * Targets: decoder LLMs in transformers.js' ONNX layout — the SmolLM2-135M-Instruct and
 * Qwen2.5-0.5B-Instruct shape twins (q4 and q8) for the CPU engine comparison, and a tiny decoder
 * of the same layout for tests. Each repo: config.json, generation_config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model_q4.onnx, onnx/model_quantized.onnx.
 */
import { readFileSync, statSync } from 'node:fs';
import { DECODER_IO, encodeDecoderModel } from './decoder-onnx.ts';
import { DECODER_JSON_FILES, decoderJsonFiles } from './decoder-files.ts';
import {
  DECODER_GENERATOR_VERSION, headDim, layerMatrices, ONNX_FILES, QWEN25_ONNX, SMOLLM2_ONNX, TINY_DECODER,
  type DecoderTwin, type OnnxQuant,
} from './decoder-specs.ts';
import { sha256Bytes } from './mirror.ts';
import { readOnnx } from './onnx-reader.ts';
import type { Target } from './target.ts';

/** Reads a written decoder back: its inputs and outputs, the weight op of its quantization, each layer's matrices. */
export function checkDecoderOnnx(path: string, twin: DecoderTwin, quant: OnnxQuant): string[] {
  const s = twin.shape;
  const summary = readOnnx(path);
  const problems: string[] = [];
  const names = (list: { name: string }[]) => list.map((v) => v.name);
  const kv = (prefix: (l: number, k: 'key' | 'value') => string) =>
    Array.from({ length: s.layers }, (_, l) => [prefix(l, 'key'), prefix(l, 'value')]).flat();
  const wantIn = ['input_ids', 'attention_mask', 'position_ids', ...kv(DECODER_IO.past)];
  const wantOut = ['logits', ...kv(DECODER_IO.present)];
  if (names(summary.inputs).join() !== wantIn.join()) problems.push(`inputs ${names(summary.inputs).slice(0, 5).join(', ')}…`);
  if (names(summary.outputs).join() !== wantOut.join()) problems.push(`outputs ${names(summary.outputs).slice(0, 5).join(', ')}…`);
  const past = summary.inputs.find((i) => i.name === DECODER_IO.past(0, 'key'));
  if (past && (past.dims[1] !== s.kvHeads || past.dims[3] !== headDim(s))) problems.push(`past key dims [${past.dims}]`);
  const op = quant === 'q4' ? 'MatMulNBits' : 'MatMulInteger';
  const perLayer = layerMatrices(s).length;
  const heads = s.lmHead === 'untied' || quant === 'q8' ? 1 : 0;
  if ((summary.ops.get(op) ?? 0) !== s.layers * perLayer + heads) problems.push(`${summary.ops.get(op) ?? 0} ${op} nodes, expected ${s.layers * perLayer + heads}`);
  for (const { name, dims } of layerMatrices(s)) {
    const init = summary.initializers.get(`model.layers.0.${name}.weight${quant === 'q4' ? '_Q4' : '_quantized'}`);
    const want = quant === 'q4' ? [dims[1], dims[0] / 32, 16] : dims;
    if (!init || init.dims.join() !== want.join()) problems.push(`layer 0 ${name}: [${init?.dims ?? 'missing'}], expected [${want}]`);
  }
  const published = twin.publishedMB?.[quant];
  if (published) {
    const mb = statSync(path).size / 1e6;
    if (Math.abs(mb - published) / published > 0.05) problems.push(`${mb.toFixed(0)} MB, the published file is ${published} MB`);
  }
  return problems;
}

function decoderTarget(twin: DecoderTwin, groups: string[]): Target {
  const repo = twin.repo;
  const onnx = twin.quants.map((q) => ({ quant: q, path: ONNX_FILES[q] }));
  return {
    id: twin.id,
    groups,
    repo,
    outputs: [...DECODER_JSON_FILES, ...onnx.map((o) => o.path)].map((path) => ({ repo, path })),
    recipe: () => sha256Bytes(JSON.stringify({ DECODER_GENERATOR_VERSION, twin, files: [...decoderJsonFiles(twin).values()].map((f) => sha256Bytes(f)) })),
    async build(ctx) {
      for (const [path, text] of decoderJsonFiles(twin)) ctx.mirror.write({ repo, path }, text);
      for (const { quant, path } of onnx) {
        ctx.log(`${path}: building ${quant}…`);
        ctx.mirror.write({ repo, path }, encodeDecoderModel(twin.shape, twin.seed, quant, twin.note));
      }
    },
    check(ctx) {
      const config = JSON.parse(readFileSync(ctx.mirror.file({ repo, path: 'config.json' }), 'utf8')) as Record<string, unknown>;
      const problems = config.num_hidden_layers === twin.shape.layers && config.hidden_size === twin.shape.hidden ? [] : ['config.json does not match the shape'];
      for (const { quant, path } of onnx) problems.push(...checkDecoderOnnx(ctx.mirror.file({ repo, path }), twin, quant).map((p) => `${path}: ${p}`));
      return problems;
    },
  };
}

export const tinyDecoderTarget = decoderTarget(TINY_DECODER, ['test']);
export const smolLm2OnnxTarget = decoderTarget(SMOLLM2_ONNX, ['twins', 'cpu-engines']);
export const qwen25OnnxTarget = decoderTarget(QWEN25_ONNX, ['twins', 'cpu-engines']);
