/** Reads an LFM2 twin back and compares it with lfm2-spec.ts: metadata, tokenizer, tensor names, dims, types. */
import { statSync } from 'node:fs';
import { ggmlTypeName } from './ggml-quant.ts';
import { readGgufHeader } from './gguf-reader.ts';
import { LFM2_700M, lfm2ExpectedMetadata, lfm2HeadCountKv, lfm2TensorShapes, lfm2TensorType, type Lfm2Quant, type Lfm2Shape } from './lfm2-spec.ts';

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function checkLfm2Gguf(path: string, shape: Lfm2Shape, quant: Lfm2Quant): string[] {
  const header = readGgufHeader(path);
  const problems: string[] = [];
  for (const [key, want] of Object.entries(lfm2ExpectedMetadata(shape, quant))) {
    const got = header.metadata.get(key);
    const ok = typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= Math.abs(want) * 1e-6 : got === want;
    if (!ok) problems.push(`metadata ${key} = ${String(got)}, expected ${String(want)}`);
  }
  const kvHeads = header.metadata.get('lfm2.attention.head_count_kv');
  if (!Array.isArray(kvHeads) || !same(kvHeads.map(Number), lfm2HeadCountKv(shape))) problems.push(`lfm2.attention.head_count_kv = ${String(kvHeads)}`);
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  if (!Array.isArray(tokens) || tokens.length !== shape.vocabSize) problems.push(`tokenizer has ${Array.isArray(tokens) ? tokens.length : 0} tokens, expected ${shape.vocabSize}`);
  if (typeof header.metadata.get('tokenizer.chat_template') !== 'string') problems.push('tokenizer.chat_template is missing');

  const want = lfm2TensorShapes(shape);
  const got = new Map(header.tensors.map((t) => [t.name, t]));
  if (header.tensors.length !== want.length) problems.push(`${header.tensors.length} tensors, published ${want.length}`);
  for (const t of want) {
    const found = got.get(t.name);
    const type = lfm2TensorType(t, shape, quant);
    if (!found) problems.push(`missing tensor ${t.name}`);
    else if (!same(found.dims, t.dims) || ggmlTypeName(found.type) !== type) {
      problems.push(`${t.name}: ${ggmlTypeName(found.type)}[${found.dims}] but published is ${type}[${t.dims}]`);
    }
  }
  return problems;
}

/** The twin against the published file's size, where its hub listing gives one (within 1 %). */
export function checkLfm2Size(path: string, quant: Lfm2Quant): string[] {
  const published = (LFM2_700M.publishedBytes as Partial<Record<Lfm2Quant, number>>)[quant];
  if (published === undefined) return [];
  const size = statSync(path).size;
  return Math.abs(size - published) <= published * 0.01 ? [] : [`${size} bytes, the published file has ${published}`];
}
