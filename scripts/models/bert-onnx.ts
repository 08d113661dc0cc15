/**
 * A BERT encoder as an ONNX graph, node for node the way a PyTorch export of BertModel looks:
 * word + position + token-type embeddings, LayerNorm, then per layer self-attention (MatMul, Add,
 * Reshape, Transpose, Softmax with the additive attention-mask bias), residual LayerNorm, and an
 * erf-GELU feed-forward. Weight maths is delegated to `BertOps`, so the same graph code yields the
 * fp32 model and the int8 one (see bert-quant-ops.ts).
 */
import { int8Ops } from './bert-quant-ops.ts';
import { attr, GraphBuilder } from './onnx-graph.ts';
import { encodeModel } from './onnx-proto.ts';
import { randomNormal } from './prng.ts';
import { BERT_IO, bertParameterShapes, type BertShape } from './specs.ts';

/** How the graph multiplies by weights and looks up embeddings. */
export interface BertOps {
  /** x · W + b, W stored [inDim, outDim] under `prefix`.weight / `prefix`.bias. */
  linear(g: GraphBuilder, x: string, prefix: string, w: Float32Array, dims: [number, number], b: Float32Array): string;
  /** Rows of `table` ([rows, dim], stored under `name`) picked by `ids`. */
  embedding(g: GraphBuilder, name: string, table: Float32Array, dims: [number, number], ids: string): string;
  /** Product of two activations (attention scores and context). */
  matmul(g: GraphBuilder, a: string, b: string): string;
}

/** Plain fp32: initializers under their Hugging Face names, MatMul + Add, Gather. */
export const fp32Ops: BertOps = {
  linear(g, x, prefix, w, dims, b) {
    const y = g.op('MatMul', [x, g.init(`${prefix}.weight`, 'FLOAT', dims, w)]);
    return g.op('Add', [y, g.init(`${prefix}.bias`, 'FLOAT', [dims[1]], b)]);
  },
  embedding(g, name, table, dims, ids) {
    return g.op('Gather', [g.init(name, 'FLOAT', dims, table), ids]);
  },
  matmul(g, a, b) {
    return g.op('MatMul', [a, b]);
  },
};

/**
 * Deterministic stand-in weights: LayerNorm scale 1 and all biases 0 (what BERT starts from),
 * everything else normal(0, 0.02), BERT's initializer_range.
 */
export function bertWeights(shape: BertShape, seed: string): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const { name, dims } of bertParameterShapes(shape)) {
    const size = dims.reduce((a, b) => a * b, 1);
    if (name.endsWith('LayerNorm.weight')) weights.set(name, new Float32Array(size).fill(1));
    else if (name.endsWith('.bias')) weights.set(name, new Float32Array(size));
    else weights.set(name, randomNormal(size, 0.02, seed, name));
  }
  return weights;
}

/** Builds the whole encoder graph. */
export function buildBertGraph(shape: BertShape, weights: Map<string, Float32Array>, ops: BertOps): GraphBuilder {
  const g = new GraphBuilder();
  const W = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`missing weight ${name}`);
    return w;
  };
  const H = shape.hiddenSize;
  const heads = shape.numHeads;
  const headDim = H / heads;
  const [batch, seq] = BERT_IO.dims;
  const [inputIds, attentionMask, tokenTypeIds] = BERT_IO.inputs;
  for (const name of BERT_IO.inputs) g.io('input', name, 'INT64', [batch, seq]);

  // LayerNormalization is opset 17; ORT fuses an older export's ReduceMean/Sub/Pow/Sqrt chain into
  // the same kernel, so speed matches the published (opset 14-ish) file.
  const layerNorm = (x: string, prefix: string, output?: string) =>
    g.op('LayerNormalization', [
      x,
      g.init(`${prefix}.weight`, 'FLOAT', [H], W(`${prefix}.weight`)),
      g.init(`${prefix}.bias`, 'FLOAT', [H], W(`${prefix}.bias`)),
    ], [attr.i('axis', -1), attr.f('epsilon', shape.layerNormEps)], output);

  // Embeddings. Position ids are 0..seq-1, made from the input's own length.
  const seqLen = g.op('Gather', [g.op('Shape', [inputIds]), g.int64([1], [])], [attr.i('axis', 0)]);
  const positions = g.op('Unsqueeze', [g.op('Range', [g.int64([0], []), seqLen, g.int64([1], [])]), g.int64([0])]);
  const word = ops.embedding(g, 'embeddings.word_embeddings.weight', W('embeddings.word_embeddings.weight'), [shape.vocabSize, H], inputIds);
  const pos = ops.embedding(g, 'embeddings.position_embeddings.weight', W('embeddings.position_embeddings.weight'), [shape.maxPositions, H], positions);
  const type = ops.embedding(g, 'embeddings.token_type_embeddings.weight', W('embeddings.token_type_embeddings.weight'), [shape.typeVocabSize, H], tokenTypeIds);
  let hidden = layerNorm(g.op('Add', [g.op('Add', [word, type]), pos]), 'embeddings.LayerNorm');

  // Additive mask: 0 where attention_mask is 1, the most negative float where it is 0 (as transformers does).
  const mask = g.op('Unsqueeze', [g.op('Cast', [attentionMask], [attr.i('to', 1)]), g.int64([1, 2])]);
  const maskBias = g.op('Mul', [g.op('Sub', [g.float([1], []), mask]), g.float([-3.4028234663852886e38], [])]);

  const splitHeads = g.int64([0, 0, heads, headDim]);
  const mergeHeads = g.int64([0, 0, H]);
  const scale = g.float([Math.sqrt(headDim)], []);
  const linear = (x: string, prefix: string, inDim: number, outDim: number) =>
    ops.linear(g, x, prefix, W(`${prefix}.weight`), [inDim, outDim], W(`${prefix}.bias`));

  for (let l = 0; l < shape.numLayers; l++) {
    const p = `encoder.layer.${l}`;
    const heads4d = (x: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [x, splitHeads])], [attr.ints('perm', perm)]);
    const q = heads4d(linear(hidden, `${p}.attention.self.query`, H, H), [0, 2, 1, 3]); // [b, h, s, d]
    const kT = heads4d(linear(hidden, `${p}.attention.self.key`, H, H), [0, 2, 3, 1]); // [b, h, d, s]
    const v = heads4d(linear(hidden, `${p}.attention.self.value`, H, H), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Div', [ops.matmul(g, q, kT), scale]), maskBias]);
    const probs = g.op('Softmax', [scores], [attr.i('axis', -1)]);
    const context = g.op('Reshape', [
      g.op('Transpose', [ops.matmul(g, probs, v)], [attr.ints('perm', [0, 2, 1, 3])]),
      mergeHeads,
    ]);
    const attended = linear(context, `${p}.attention.output.dense`, H, H);
    hidden = layerNorm(g.op('Add', [attended, hidden]), `${p}.attention.output.LayerNorm`);

    // GELU(x) = 0.5 · x · (1 + erf(x / √2)), the exact form BERT uses.
    const inter = linear(hidden, `${p}.intermediate.dense`, H, shape.intermediateSize);
    const erf = g.op('Erf', [g.op('Div', [inter, g.float([Math.SQRT2], [])])]);
    const gelu = g.op('Mul', [g.op('Mul', [inter, g.op('Add', [erf, g.float([1], [])])]), g.float([0.5], [])]);
    const ffn = linear(gelu, `${p}.output.dense`, shape.intermediateSize, H);
    const last = l === shape.numLayers - 1;
    hidden = layerNorm(g.op('Add', [ffn, hidden]), `${p}.output.LayerNorm`, last ? BERT_IO.output : undefined);
  }
  g.io('output', BERT_IO.output, 'FLOAT', [batch, seq, H]);
  return g;
}

/** The serialised model file. `quantized` picks the int8 pattern of model_quantized.onnx. */
export function encodeBertModel(shape: BertShape, weights: Map<string, Float32Array>, quantized: boolean, docString: string): Uint8Array {
  const g = buildBertGraph(shape, weights, quantized ? int8Ops : fp32Ops);
  return encodeModel(g.model({ name: 'main_graph', opset: 17, producer: 'hearth-make-models', docString }));
}
