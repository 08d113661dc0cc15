/**
 * BertForSequenceClassification as ONNX: the BERT encoder of bert-onnx.ts, then the pooler (first
 * token → dense → tanh) and a linear classifier, with `logits` [batch, numLabels] as the only output,
 * which is what a cross-encoder (reranker) export looks like and what transformers.js'
 * AutoModelForSequenceClassification reads.
 */
import { buildBertGraph, fp32Ops } from './bert-onnx.ts';
import { expectedBertInitializers } from './checks.ts';
import { attr } from './onnx-graph.ts';
import { encodeModel } from './onnx-proto.ts';
import type { OnnxSummary } from './onnx-reader.ts';
import { randomNormal } from './prng.ts';
import { BERT_IO, type BertShape } from './specs.ts';

export const LOGITS = 'logits';

/** The head's parameters, named like the encoder's (no "bert." prefix), linear weights [in, out]. */
export function classifierHeadShapes(shape: BertShape, numLabels: number): { name: string; dims: number[] }[] {
  const H = shape.hiddenSize;
  return [
    { name: 'pooler.dense.weight', dims: [H, H] },
    { name: 'pooler.dense.bias', dims: [H] },
    { name: 'classifier.weight', dims: [H, numLabels] },
    { name: 'classifier.bias', dims: [numLabels] },
  ];
}

/** Head weights in BERT's initialization: normal(0, 0.02), biases 0. */
export function classifierHeadWeights(shape: BertShape, numLabels: number, seed: string): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const { name, dims } of classifierHeadShapes(shape, numLabels)) {
    const size = dims.reduce((a, b) => a * b, 1);
    weights.set(name, name.endsWith('.bias') ? new Float32Array(size) : randomNormal(size, 0.02, seed, name));
  }
  return weights;
}

/** The serialised fp32 model. `weights` holds the encoder's and the head's parameters. */
export function encodeBertClassifierModel(shape: BertShape, weights: Map<string, Float32Array>, numLabels: number, docString: string): Uint8Array {
  const g = buildBertGraph(shape, weights, fp32Ops);
  // The encoder's last_hidden_state becomes an inner value: a classification export outputs logits only.
  g.outputs.length = 0;
  const W = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`missing weight ${name}`);
    return w;
  };
  const H = shape.hiddenSize;
  const first = g.op('Gather', [BERT_IO.output, g.int64([0], [])], [attr.i('axis', 1)]); // [batch, H]
  const pooled = g.op('Tanh', [fp32Ops.linear(g, first, 'pooler.dense', W('pooler.dense.weight'), [H, H], W('pooler.dense.bias'))]);
  const scores = g.op('MatMul', [pooled, g.init('classifier.weight', 'FLOAT', [H, numLabels], W('classifier.weight'))]);
  g.op('Add', [scores, g.init('classifier.bias', 'FLOAT', [numLabels], W('classifier.bias'))], [], LOGITS);
  g.io('output', LOGITS, 'FLOAT', [BERT_IO.dims[0], numLabels]);
  return encodeModel(g.model({ name: 'main_graph', opset: 17, producer: 'hearth-make-models', docString }));
}

/** Problems with a written classifier file against the shape (empty when it matches). */
export function checkBertClassifierSummary(summary: OnnxSummary, shape: BertShape, numLabels: number): string[] {
  const problems: string[] = [];
  const want = expectedBertInitializers(shape, false);
  for (const { name, dims } of classifierHeadShapes(shape, numLabels)) want.set(name, { dtype: 'FLOAT', dims });
  for (const [name, { dtype, dims }] of want) {
    const got = summary.initializers.get(name);
    if (!got) problems.push(`missing initializer ${name}`);
    else if (got.dtype !== dtype || got.dims.join() !== dims.join()) problems.push(`${name}: ${got.dtype}[${got.dims}], expected ${dtype}[${dims}]`);
  }
  const inputs = summary.inputs.map((i) => `${i.name}:${i.dtype}[${i.dims}]`).join(', ');
  const wantInputs = BERT_IO.inputs.map((n) => `${n}:INT64[${BERT_IO.dims}]`).join(', ');
  if (inputs !== wantInputs) problems.push(`inputs ${inputs}; expected ${wantInputs}`);
  const outputs = summary.outputs.map((o) => `${o.name}:${o.dtype}[${o.dims}]`).join(', ');
  const wantOutput = `${LOGITS}:FLOAT[${BERT_IO.dims[0]},${numLabels}]`;
  if (outputs !== wantOutput) problems.push(`outputs ${outputs}; expected ${wantOutput}`);
  return problems;
}
