/**
 * Compares written files with the published shapes in specs.ts by reading them back: ONNX
 * initializer names, dims and dtypes and the graph's inputs/outputs; GGUF metadata, tensor names,
 * dims and ggml types. Each check returns a list of problems (empty means the file matches).
 */
import { ggmlTypeName } from './ggml-quant.ts';
import { readGgufHeader } from './gguf-reader.ts';
import { readOnnx, type OnnxSummary } from './onnx-reader.ts';
import {
  BERT_IO, bertParameterShapes, llamaExpectedMetadata, llamaTensorShapes, llamaTensorTypeName,
  type BertShape, type LlamaQuant, type LlamaShape,
} from './specs.ts';

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a BERT export's initializers must be: fp32 names as-is, or ORT dynamic-quant names and dtypes. */
export function expectedBertInitializers(shape: BertShape, quantized: boolean): Map<string, { dtype: string; dims: number[] }> {
  const out = new Map<string, { dtype: string; dims: number[] }>();
  for (const { name, dims } of bertParameterShapes(shape)) {
    const isTable = name.startsWith('embeddings.') && name.endsWith('_embeddings.weight');
    const isMatrix = dims.length === 2 && !isTable;
    if (!quantized || (!isTable && !isMatrix)) out.set(name, { dtype: 'FLOAT', dims });
    else if (isTable) out.set(`${name}_quantized`, { dtype: 'UINT8', dims });
    else out.set(`${name}_quantized`, { dtype: 'INT8', dims });
  }
  return out;
}

export function checkBertSummary(summary: OnnxSummary, shape: BertShape, quantized: boolean): string[] {
  const problems: string[] = [];
  for (const [name, want] of expectedBertInitializers(shape, quantized)) {
    const got = summary.initializers.get(name);
    if (!got) problems.push(`missing initializer ${name}`);
    else if (got.dtype !== want.dtype || !same(got.dims, want.dims)) {
      problems.push(`${name}: ${got.dtype}[${got.dims}] but published is ${want.dtype}[${want.dims}]`);
    }
  }
  const inputs = summary.inputs.map((i) => `${i.name}:${i.dtype}[${i.dims}]`);
  const wantInputs = BERT_IO.inputs.map((n) => `${n}:INT64[${BERT_IO.dims}]`);
  if (!same(inputs, wantInputs)) problems.push(`inputs ${inputs.join(', ')}; published ${wantInputs.join(', ')}`);
  const outputs = summary.outputs.map((o) => `${o.name}:${o.dtype}[${o.dims}]`);
  const wantOutput = `${BERT_IO.output}:FLOAT[${[...BERT_IO.dims, shape.hiddenSize]}]`;
  if (!same(outputs, [wantOutput])) problems.push(`outputs ${outputs.join(', ')}; published ${wantOutput}`);
  if (quantized && !summary.ops.has('MatMulInteger')) problems.push('quantized model has no MatMulInteger');
  if (!quantized && summary.ops.has('MatMulInteger')) problems.push('fp32 model has MatMulInteger');
  return problems;
}

export function checkBertOnnx(path: string, shape: BertShape, quantized: boolean): string[] {
  return checkBertSummary(readOnnx(path), shape, quantized);
}

/** config.json fields transformers.js reads, against the shape. */
export function checkBertConfig(config: Record<string, unknown>, shape: BertShape): string[] {
  const want: Record<string, unknown> = {
    model_type: 'bert', vocab_size: shape.vocabSize, hidden_size: shape.hiddenSize,
    num_hidden_layers: shape.numLayers, num_attention_heads: shape.numHeads, intermediate_size: shape.intermediateSize,
    max_position_embeddings: shape.maxPositions, type_vocab_size: shape.typeVocabSize,
  };
  return Object.entries(want).filter(([k, v]) => config[k] !== v).map(([k, v]) => `config.json ${k} is ${String(config[k])}, expected ${String(v)}`);
}

export function checkLlamaGguf(path: string, shape: LlamaShape, quant: LlamaQuant): string[] {
  const header = readGgufHeader(path);
  const problems: string[] = [];
  for (const [key, want] of Object.entries(llamaExpectedMetadata(shape, quant))) {
    const got = header.metadata.get(key);
    const ok = typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= Math.abs(want) * 1e-6 : got === want;
    if (!ok) problems.push(`metadata ${key} = ${String(got)}, expected ${String(want)}`);
  }
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  if (!Array.isArray(tokens) || tokens.length !== shape.vocabSize) problems.push(`tokenizer has ${Array.isArray(tokens) ? tokens.length : 0} tokens, expected ${shape.vocabSize}`);
  const types = header.metadata.get('tokenizer.ggml.token_type');
  if (!Array.isArray(types) || types.length !== shape.vocabSize) problems.push('tokenizer.ggml.token_type length differs from the vocabulary');
  const merges = header.metadata.get('tokenizer.ggml.merges');
  if (!Array.isArray(merges) || merges.length === 0) problems.push('tokenizer.ggml.merges is missing');
  if (typeof header.metadata.get('tokenizer.chat_template') !== 'string') problems.push('tokenizer.chat_template is missing');

  const want = llamaTensorShapes(shape);
  const got = new Map(header.tensors.map((t) => [t.name, t]));
  if (header.tensors.length !== want.length) problems.push(`${header.tensors.length} tensors, published ${want.length}`);
  if (got.has('output.weight')) problems.push('output.weight present, but the published model ties it to token_embd');
  for (const { name, dims } of want) {
    const t = got.get(name);
    const type = llamaTensorTypeName(name, quant);
    if (!t) problems.push(`missing tensor ${name}`);
    else if (!same(t.dims, dims) || ggmlTypeName(t.type) !== type) {
      problems.push(`${name}: ${ggmlTypeName(t.type)}[${t.dims}] but published is ${type}[${dims}]`);
    }
  }
  return problems;
}
