import { describe, expect, it } from 'vitest';
import { LFM2_700M } from '../scripts/models/lfm2-spec';
import { MINILM, SMOLLM2 } from '../scripts/models/specs';
import {
  bertFlopsPerToken, lfm2FlopsPerToken, lfm2MatmulParams, lfm2WeightBytesPerToken, llamaFlopsPerToken, llamaMatmulParams, llamaWeightBytesPerToken,
} from './model-costs';

describe('MiniLM cost model', () => {
  it('is ~21 MFLOP per token: 2 × the 10.6M weights in its matmuls, plus attention that grows with length', () => {
    const matmulWeights = 6 * (4 * 384 * 384 + 2 * 384 * 1536);
    expect(matmulWeights).toBe(10_616_832);
    expect(bertFlopsPerToken(MINILM.shape, 0)).toBe(2 * matmulWeights);
    expect(bertFlopsPerToken(MINILM.shape, 128) - bertFlopsPerToken(MINILM.shape, 64)).toBe(6 * 2 * 2 * 64 * 384);
  });
});

describe('SmolLM2-135M cost model', () => {
  it('counts ~134.5M matmul weights (the published 135M, tied embeddings counted once)', () => {
    expect(llamaMatmulParams(SMOLLM2.shape)).toBe(30 * (2 * 576 * 576 + 2 * 576 * 192 + 3 * 576 * 1536) + 576 * 49152);
    expect(llamaMatmulParams(SMOLLM2.shape) / 1e6).toBeCloseTo(134.5, 0);
    expect(llamaFlopsPerToken(SMOLLM2.shape)).toBe(2 * llamaMatmulParams(SMOLLM2.shape));
  });

  it('reads 34/32 bytes per weight in Q8_0 and 18/32 in Q4_0 (token_embd stays Q8_0, norms f32)', () => {
    const q8 = llamaWeightBytesPerToken(SMOLLM2.shape, 'Q8_0');
    const q4 = llamaWeightBytesPerToken(SMOLLM2.shape, 'Q4_0');
    const norms = (30 * 2 + 1) * 576 * 4;
    const embd = ((576 * 49152) / 32) * 34;
    const blocks = 30 * (2 * 576 * 576 + 2 * 576 * 192 + 3 * 576 * 1536);
    expect(q8).toBe(norms + embd + (blocks / 32) * 34);
    expect(q4).toBe(norms + embd + (blocks / 32) * 18);
  });
});

describe('LFM2-700M cost model', () => {
  it('multiplies by every matrix once (742.4M weights: all but the norms and the 3-tap conv kernels)', () => {
    const norms = 16 * 2 * 1536 + 6 * 2 * 64 + 1536;
    const convKernels = 10 * 3 * 1536;
    expect(lfm2MatmulParams(LFM2_700M.shape)).toBe(LFM2_700M.params - norms - convKernels);
    expect(lfm2FlopsPerToken(LFM2_700M.shape)).toBe(2 * lfm2MatmulParams(LFM2_700M.shape));
  });

  it('reads the whole file minus its header per token: 466 MB in Q4_K_M, 789 MB in Q8_0', () => {
    expect(lfm2WeightBytesPerToken(LFM2_700M.shape, 'Q4_K_M') / 1e6).toBeCloseTo(466.2, 1);
    expect(lfm2WeightBytesPerToken(LFM2_700M.shape, 'Q8_0') / 1e6).toBeCloseTo(789.2, 1);
  });
});
