/**
 * Targets: LFM2 in transformers.js' ONNX layout — the LFM2-700M shape twin of onnx-community's q4
 * export (graph + external data) for the CPU engine comparison, and a tiny LFM2 of the same layout
 * for tests. Each repo: config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model_q4.onnx, onnx/model_q4.onnx_data.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { DECODER_IO } from './decoder-onnx.ts';
import { q4Ops } from './decoder-quant-ops.ts';
import { buildLfm2Graph, lfm2BlockMatrices, LFM2_IO } from './lfm2-onnx.ts';
import { LFM2_700M_ONNX, LFM2_ONNX_FILES, LFM2_ONNX_GENERATOR_VERSION, lfm2JsonFiles, TINY_LFM2, type Lfm2OnnxTwin } from './lfm2-onnx-twins.ts';
import { sha256Bytes } from './mirror.ts';
import { toExternalData } from './onnx-external.ts';
import { encodeModel } from './onnx-proto.ts';
import { readOnnx } from './onnx-reader.ts';
import type { Target } from './target.ts';

const DATA_NAME = LFM2_ONNX_FILES.data.split('/').pop()!;

/** Writes `chunks` to `path` through a temporary name, so an interrupted run never leaves a plausible-looking file. */
function writeThroughPartial(path: string, chunks: readonly Uint8Array[]): void {
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of chunks) for (let at = 0; at < chunk.byteLength;) at += writeSync(fd, chunk, at);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Writes the data file, then the graph that points into it, for one twin. */
export function writeLfm2Onnx(twin: Lfm2OnnxTwin, graphPath: string, dataPath: string): void {
  const g = buildLfm2Graph(twin.shape, twin.seed, q4Ops);
  const split = toExternalData(g.model({ name: 'main_graph', opset: 17, producer: 'hearth-make-models', docString: twin.note }), DATA_NAME);
  writeThroughPartial(dataPath, split.chunks);
  writeThroughPartial(graphPath, [encodeModel(split.model)]);
}

/** Reads a written twin back: inputs and outputs in transformers.js' cache names, the MatMulNBits and Conv nodes, each block's matrices, the size. */
export function checkLfm2Onnx(graphPath: string, dataPath: string, twin: Lfm2OnnxTwin): string[] {
  const s = twin.shape;
  const summary = readOnnx(graphPath);
  const problems: string[] = [];
  const cache = (past: boolean) => Array.from({ length: s.blockCount }, (_, l) => s.attentionBlocks.includes(l)
    ? (['key', 'value'] as const).map((k) => (past ? DECODER_IO.past(l, k) : DECODER_IO.present(l, k)))
    : [past ? LFM2_IO.pastConv(l) : LFM2_IO.presentConv(l)]).flat();
  const names = (list: { name: string }[]) => list.map((v) => v.name).join();
  if (names(summary.inputs) !== ['input_ids', 'attention_mask', 'position_ids', ...cache(true)].join()) problems.push('inputs are not the published ones');
  if (names(summary.outputs) !== ['logits', ...cache(false)].join()) problems.push('outputs are not the published ones');
  const conv = summary.inputs.find((i) => i.name === LFM2_IO.pastConv(0));
  if (!conv || conv.dims[1] !== s.embedding || conv.dims[2] !== s.convCache) problems.push(`past_conv.0 dims [${conv?.dims}]`);
  let matrices = 0;
  for (let l = 0; l < s.blockCount; l++) {
    for (const { name, dims } of lfm2BlockMatrices(s, l)) {
      matrices++;
      const init = summary.initializers.get(`model.layers.${l}.${name}.weight_Q4`);
      if (!init || init.dims.join() !== [dims[1], dims[0] / 32, 16].join()) problems.push(`block ${l} ${name}: [${init?.dims ?? 'missing'}]`);
    }
  }
  if ((summary.ops.get('MatMulNBits') ?? 0) !== matrices) problems.push(`${summary.ops.get('MatMulNBits') ?? 0} MatMulNBits nodes, expected ${matrices}`);
  const convBlocks = s.blockCount - s.attentionBlocks.length;
  if ((summary.ops.get('Conv') ?? 0) !== convBlocks) problems.push(`${summary.ops.get('Conv') ?? 0} Conv nodes, expected ${convBlocks}`);
  if (twin.publishedMB) {
    const mb = (statSync(graphPath).size + statSync(dataPath).size) / 1e6;
    if (Math.abs(mb - twin.publishedMB) / twin.publishedMB > 0.05) problems.push(`${mb.toFixed(0)} MB, the published files are ${twin.publishedMB} MB`);
  }
  return problems;
}

function onnxTarget(twin: Lfm2OnnxTwin, groups: string[]): Target {
  const repo = twin.repo;
  const json = () => lfm2JsonFiles(twin);
  return {
    id: twin.id,
    groups,
    repo,
    outputs: [...json().keys(), LFM2_ONNX_FILES.graph, LFM2_ONNX_FILES.data].map((path) => ({ repo, path })),
    recipe: () => sha256Bytes(JSON.stringify({ LFM2_ONNX_GENERATOR_VERSION, twin, files: [...json().values()].map((f) => sha256Bytes(f)) })),
    async build(ctx) {
      for (const [path, text] of json()) ctx.mirror.write({ repo, path }, text);
      ctx.log(`${LFM2_ONNX_FILES.graph} + ${DATA_NAME}: building q4…`);
      writeLfm2Onnx(twin, ctx.mirror.file({ repo, path: LFM2_ONNX_FILES.graph }), ctx.mirror.file({ repo, path: LFM2_ONNX_FILES.data }));
    },
    check(ctx) {
      const config = JSON.parse(readFileSync(ctx.mirror.file({ repo, path: 'config.json' }), 'utf8')) as Record<string, unknown>;
      const problems = config.num_hidden_layers === twin.shape.blockCount && config.model_type === 'lfm2' ? [] : ['config.json does not match the shape'];
      const file = (path: string) => ctx.mirror.file({ repo, path });
      return [...problems, ...checkLfm2Onnx(file(LFM2_ONNX_FILES.graph), file(LFM2_ONNX_FILES.data), twin)];
    },
  };
}

export const tinyLfm2Target = onnxTarget(TINY_LFM2, ['test']);
export const lfm2OnnxTarget = onnxTarget(LFM2_700M_ONNX, ['twins', 'cpu-engines']);
