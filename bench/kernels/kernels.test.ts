import { describe, expect, it } from 'vitest';
import { FLOPS_PER_ITER, FMA_ACCUMULATORS, FMA_UNROLL, fmaModuleBytes, sumModuleBytes } from './kernels';
import { measureBandwidth, measureFlops } from './measure';
import { sleb, uleb } from '../../src/lib/core/wasm/encoder';

/** The fma kernel's result, computed lane by lane in f32 arithmetic. */
function fmaReference(iters: number, fused: boolean): number {
  const f = Math.fround;
  const m = f(0.9999);
  const c = f(0.0001);
  let total = 0;
  const accs = Array.from({ length: FMA_ACCUMULATORS }, (_, k) => f(0.5 + k * 0.01));
  for (let i = 0; i < iters * FMA_UNROLL; i++) {
    for (let k = 0; k < accs.length; k++) accs[k] = fused ? f((accs[k] as number) * m + c) : f(f((accs[k] as number) * m) + c);
  }
  total = accs.reduce((s, a) => f(s + a), 0);
  return f(f(f(total + total) + total) + total);
}

const relaxedSimd = WebAssembly.validate(fmaModuleBytes('relaxed-madd'));

describe('LEB128', () => {
  it('encodes the values the spec gives as examples', () => {
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(0x105)).toEqual([0x85, 0x02]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });
});

describe('hand-assembled kernels', () => {
  it('are valid modules', () => {
    expect(WebAssembly.validate(fmaModuleBytes('mul-add'))).toBe(true);
    expect(WebAssembly.validate(sumModuleBytes(1 << 16))).toBe(true);
  });

  // Node 20 has relaxed SIMD only behind a flag; Chromium has it on (the benchmark runs it there).
  it('relaxed madd computes acc × m + c where relaxed SIMD exists, and is refused where it does not', async () => {
    if (!relaxedSimd) {
      // Without the runtime, check the encoding: f32x4.relaxed_madd is 0xfd 0x105 (LEB128 0x85 0x02).
      const bytes = [...fmaModuleBytes('relaxed-madd')].join(',');
      expect(bytes).toContain('253,133,2');
      expect([...fmaModuleBytes('mul-add')].join(',')).not.toContain('253,133,2');
      return;
    }
    const { instance } = await WebAssembly.instantiate(fmaModuleBytes('relaxed-madd'));
    expect((instance.exports.fma as (n: number) => number)(3)).toBeCloseTo(fmaReference(3, true), 4);
  });

  it('fma computes acc × m + c on every lane of every accumulator', async () => {
    const { instance } = await WebAssembly.instantiate(fmaModuleBytes('mul-add'));
    const fma = instance.exports.fma as (n: number) => number;
    expect(fma(3)).toBeCloseTo(fmaReference(3, false), 4);
    expect(FLOPS_PER_ITER).toBe(FMA_ACCUMULATORS * FMA_UNROLL * 8);
  });

  it('sum adds every 32-bit word of the buffer, reps times', async () => {
    const bytes = 4096;
    const { instance } = await WebAssembly.instantiate(sumModuleBytes(bytes));
    new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer, 0, bytes).fill(1);
    const sum = instance.exports.sum as (p: number, end: number, reps: number) => number;
    const expected = Number(BigInt.asIntN(32, BigInt(0x01010101) * BigInt((bytes / 4) * 3)));
    expect(sum(0, bytes, 3)).toBe(expected);
  });

  it('measure a positive GFLOP/s and GB/s', async () => {
    const opts = { warmupMs: 20, callMs: 5, calls: 3 };
    const flops = await measureFlops('mul-add', opts);
    const bw = await measureBandwidth(1 << 20, opts);
    expect(flops.rates).toHaveLength(3);
    for (const r of [...flops.rates, ...bw.rates]) expect(r).toBeGreaterThan(0);
  });
});
