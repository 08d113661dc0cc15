/** Target: the Qwen2.5-0.5B-Instruct GGUF shape twin (Q8_0 and Q4_0), the CPU default's shape for wllama. */
import { renameSync } from 'node:fs';
import { ggmlTypeName } from './ggml-quant.ts';
import { readGgufHeader } from './gguf-reader.ts';
import { sha256Bytes } from './mirror.ts';
import { qwen2Metadata, qwen2TensorShapes, qwen2TensorType, QWEN25_GGUF, writeQwen2Ggufs, type Qwen2Quant } from './qwen2-gguf.ts';
import type { Target } from './target.ts';

const repo = QWEN25_GGUF.repo;
const quants = Object.keys(QWEN25_GGUF.files) as Qwen2Quant[];

/** Reads a written file back: architecture keys, vocabulary size, every tensor's dims and type. */
export function checkQwen2Gguf(path: string, quant: Qwen2Quant): string[] {
  const header = readGgufHeader(path);
  const problems: string[] = [];
  for (const entry of qwen2Metadata(quant)) {
    if (entry.kind === 'ARRAY') continue;
    const got = header.metadata.get(entry.key);
    const want = entry.value;
    const ok = typeof want === 'number' && typeof got === 'number' ? Math.abs(got - want) <= Math.abs(want) * 1e-6 : got === want;
    if (!ok) problems.push(`metadata ${entry.key} = ${String(got)}, expected ${String(want)}`);
  }
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  const want = qwen2TensorShapes();
  if (!Array.isArray(tokens) || tokens.length !== want[0]!.dims[1]) problems.push('tokenizer.ggml.tokens does not match token_embd');
  const got = new Map(header.tensors.map((t) => [t.name, t]));
  if (header.tensors.length !== want.length) problems.push(`${header.tensors.length} tensors, published ${want.length}`);
  for (const { name, dims } of want) {
    const t = got.get(name);
    const type = qwen2TensorType(name, quant);
    if (!t) problems.push(`missing tensor ${name}`);
    else if (t.dims.join() !== dims.join() || ggmlTypeName(t.type) !== type) problems.push(`${name}: ${ggmlTypeName(t.type)}[${t.dims}], expected ${type}[${dims}]`);
  }
  return problems;
}

export const qwen25GgufTarget: Target = {
  id: QWEN25_GGUF.id,
  groups: ['twins', 'cpu-engines'],
  repo,
  outputs: quants.map((q) => ({ repo, path: QWEN25_GGUF.files[q] })),
  recipe: () => sha256Bytes(JSON.stringify({ QWEN25_GGUF, metadata: qwen2Metadata('Q8_0').map((e) => [e.key, e.kind === 'ARRAY' ? (e.value as unknown[]).length : e.value]) })),
  async build(ctx) {
    const outputs = quants.map((quant) => ({ quant, path: `${ctx.mirror.file({ repo, path: QWEN25_GGUF.files[quant] })}.partial` }));
    writeQwen2Ggufs(outputs);
    for (const o of outputs) renameSync(o.path, o.path.replace(/\.partial$/, ''));
  },
  check: (ctx) => quants.flatMap((q) => checkQwen2Gguf(ctx.mirror.file({ repo, path: QWEN25_GGUF.files[q] }), q).map((p) => `${QWEN25_GGUF.files[q]}: ${p}`)),
};
