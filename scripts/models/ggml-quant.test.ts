import { describe, expect, it } from 'vitest';
import { f16BitsToF32, f32ToF16Bits } from './fp16.ts';
import { dequantize, GGML_TYPE, ggmlByteSize, quantizeQ4_0, quantizeQ8_0 } from './ggml-quant.ts';

const block = (values: number[]) => {
  const x = new Float32Array(32);
  x.set(values);
  return x;
};

describe('fp16', () => {
  it('converts exactly representable values and specials', () => {
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(65504)).toBe(0x7bff);
    expect(f32ToF16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(f32ToF16Bits(Infinity)).toBe(0x7c00);
    expect(f32ToF16Bits(NaN) & 0x7c00).toBe(0x7c00);
  });

  it('rounds to nearest, ties to even, like ggml', () => {
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie between mantissa 0 and 1 → 0
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie between 1 and 2 → 2
    expect(f32ToF16Bits(65520)).toBe(0x7c00); // rounds up past the largest half → Inf
    expect(f32ToF16Bits(1e-8)).toBe(0); // below half the smallest subnormal
    expect(f32ToF16Bits(0.02)).toBe(0x251f);
    expect(f16BitsToF32(0x251f)).toBeCloseTo(0.020004272, 9);
  });
});

describe('Q8_0', () => {
  it('stores d = max|x| / 127 as fp16 and round(x / d) as int8', () => {
    const out = quantizeQ8_0(block([2.54, -1, 0.3, -0.011, 0.009]));
    expect(out.length).toBe(34);
    expect(out[0]! | (out[1]! << 8)).toBe(0x251f); // fp16(0.02), little-endian
    const q = Array.from(new Int8Array(out.buffer, 2, 32));
    expect(q).toEqual([127, -50, 15, -1, 0, ...new Array(27).fill(0)]);
  });

  it('rounds halves away from zero (C roundf) and writes zero blocks as d = 0', () => {
    const out = quantizeQ8_0(block([127, -0.5, 0.5, -1.5]));
    expect(Array.from(new Int8Array(out.buffer, 2, 4))).toEqual([127, -1, 1, -2]);
    expect(Array.from(quantizeQ8_0(new Float32Array(32)))).toEqual(new Array(34).fill(0));
  });
});

describe('Q4_0', () => {
  it('stores d = m / -8 (m: largest magnitude, sign kept) and nibbles, low = first half', () => {
    const x = new Float32Array(32).map((_, j) => j - 16); // m = -16 → d = 2
    const out = quantizeQ4_0(x);
    expect(out.length).toBe(18);
    expect(out[0]! | (out[1]! << 8)).toBe(0x4000); // fp16(2)
    // low nibble j: trunc((j-16)/2 + 8.5); high nibble: trunc(j/2 + 8.5), capped at 15
    const lo = [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8];
    const hi = [8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 15];
    expect(Array.from(out.subarray(2))).toEqual(lo.map((l, j) => l | (hi[j]! << 4)));
    expect(Array.from(out.subarray(2, 4))).toEqual([128, 145]);
  });

  it('keeps the sign of the largest value in d', () => {
    const out = quantizeQ4_0(block([8]));
    expect(out[0]! | (out[1]! << 8)).toBe(0xbc00); // fp16(-1)
    expect(out[2]).toBe(0 | (8 << 4)); // value 8 → nibble 0; value 16 (0) → nibble 8
    expect(dequantize(GGML_TYPE.Q4_0, out, 32)[0]).toBe(8);
  });
});

describe('round trip', () => {
  it('dequantizes within half a step (Q8_0) or one step (Q4_0, whose top code is 7·d)', () => {
    const x = new Float32Array(64).map((_, i) => Math.sin(i * 1.7) * (i % 5));
    const cases = [[GGML_TYPE.Q8_0, quantizeQ8_0, 127 * 2], [GGML_TYPE.Q4_0, quantizeQ4_0, 8]] as const;
    for (const [type, quantize, stepsPerMax] of cases) {
      const bytes = quantize(x);
      expect(bytes.length).toBe(ggmlByteSize(type, 64));
      const y = dequantize(type, bytes, 64);
      for (let b = 0; b < 2; b++) {
        const amax = Math.max(...x.subarray(b * 32, b * 32 + 32).map(Math.abs));
        for (let j = b * 32; j < b * 32 + 32; j++) expect(Math.abs(y[j]! - x[j]!)).toBeLessThanOrEqual((amax / stepsPerMax) * 1.01 + 1e-3);
      }
    }
  });

  it('refuses partial blocks', () => {
    expect(() => quantizeQ8_0(new Float32Array(31))).toThrow();
    expect(() => ggmlByteSize(GGML_TYPE.Q4_0, 33)).toThrow();
  });
});
