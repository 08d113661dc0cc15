/** Target: the SmolLM2-135M-Instruct GGUF shape twin (Q8_0 and Q4_0) for LLM speed figures. */
import { renameSync } from 'node:fs';
import { buildBpeVocab } from './bpe-vocab.ts';
import { checkLlamaGguf } from './checks.ts';
import { writeLlamaGgufs } from './llama-gguf.ts';
import { sha256Bytes } from './mirror.ts';
import { GENERATOR_VERSION, SMOLLM2, SMOLLM2_CHAT_TEMPLATE, SMOLLM2_SPECIAL_TOKENS, type LlamaQuant } from './specs.ts';
import type { Target } from './target.ts';

const repo = SMOLLM2.repo;
const quants = Object.keys(SMOLLM2.files) as LlamaQuant[];

export const smolLm2Target: Target = {
  id: 'smollm2',
  groups: ['twins', 'cpu-engines'],
  repo,
  outputs: quants.map((q) => ({ repo, path: SMOLLM2.files[q] })),
  recipe() {
    const vocab = buildBpeVocab(SMOLLM2.shape.vocabSize, SMOLLM2_SPECIAL_TOKENS);
    return sha256Bytes(JSON.stringify({ GENERATOR_VERSION, SMOLLM2, SMOLLM2_CHAT_TEMPLATE, tokens: vocab.tokens }));
  },
  async build(ctx) {
    const outputs = quants.map((quant) => ({ quant, path: `${ctx.mirror.file({ repo, path: SMOLLM2.files[quant] })}.partial` }));
    writeLlamaGgufs(SMOLLM2.shape, SMOLLM2.seed, outputs);
    for (const o of outputs) renameSync(o.path, o.path.replace(/\.partial$/, ''));
  },
  check(ctx) {
    return quants.flatMap((q) =>
      checkLlamaGguf(ctx.mirror.file({ repo, path: SMOLLM2.files[q] }), SMOLLM2.shape, q).map((p) => `${SMOLLM2.files[q]}: ${p}`));
  },
};
