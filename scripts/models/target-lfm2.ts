/** Target: the LFM2-700M GGUF shape twin (Q4_K_M, the CPU default's file, and Q8_0) for LLM speed figures. */
import { renameSync } from 'node:fs';
import { buildBpeVocab } from './bpe-vocab.ts';
import { checkLfm2Gguf, checkLfm2Size } from './lfm2-checks.ts';
import { writeLfm2Ggufs } from './lfm2-gguf.ts';
import { LFM2_700M, LFM2_CHAT_TEMPLATE, LFM2_SPECIAL_TOKENS, type Lfm2Quant } from './lfm2-spec.ts';
import { sha256Bytes } from './mirror.ts';
import { GENERATOR_VERSION } from './specs.ts';
import type { Target } from './target.ts';

const repo = LFM2_700M.repo;
const quants = Object.keys(LFM2_700M.files) as Lfm2Quant[];

export const lfm2Target: Target = {
  id: 'lfm2',
  groups: ['twins', 'cpu-engines'],
  repo,
  outputs: quants.map((q) => ({ repo, path: LFM2_700M.files[q] })),
  recipe() {
    const vocab = buildBpeVocab(LFM2_700M.shape.vocabSize, LFM2_SPECIAL_TOKENS);
    return sha256Bytes(JSON.stringify({ GENERATOR_VERSION, LFM2_700M, LFM2_CHAT_TEMPLATE, tokens: vocab.tokens }));
  },
  async build(ctx) {
    const outputs = quants.map((quant) => ({ quant, path: `${ctx.mirror.file({ repo, path: LFM2_700M.files[quant] })}.partial` }));
    writeLfm2Ggufs(LFM2_700M.shape, LFM2_700M.seed, outputs);
    for (const o of outputs) renameSync(o.path, o.path.replace(/\.partial$/, ''));
  },
  check(ctx) {
    return quants.flatMap((q) => {
      const path = ctx.mirror.file({ repo, path: LFM2_700M.files[q] });
      return [...checkLfm2Gguf(path, LFM2_700M.shape, q), ...checkLfm2Size(path, q)].map((p) => `${LFM2_700M.files[q]}: ${p}`);
    });
  },
};
