import { describe, expect, it } from 'vitest';
import { f16BitsToF32 } from './fp16.ts';
import { dequantize, encodeTensor, GGML_TYPE, ggmlByteSize } from './ggml-quant.ts';
import { Q4_K_BYTES, Q6_K_BYTES, QK_K, quantizeQ4_K, quantizeQ6_K, scaleMinK4 } from './ggml-kquant.ts';
import { randomNormal } from './prng.ts';

const maxError = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('Q4_K', () => {
  it('takes 144 bytes per 256 values, the size ggml gives the type', () => {
    expect(quantizeQ4_K(new Float32Array(512)).length).toBe(2 * Q4_K_BYTES);
    expect(ggmlByteSize(GGML_TYPE.Q4_K, 512)).toBe(2 * Q4_K_BYTES);
    expect(() => quantizeQ4_K(new Float32Array(100))).toThrow(/multiple of 256/);
  });

  it('packs sub-block scales and mins the way get_scale_min_k4 unpacks them', () => {
    // Sub-block j holds the constant j + 1 (min 0): its scale grows with j, the largest maps to 63.
    const x = new Float32Array(QK_K).map((_, i) => Math.floor(i / 32) + 1);
    const out = quantizeQ4_K(x);
    const scales = Array.from({ length: 8 }, (_, j) => scaleMinK4(j, out, 4));
    expect(scales.map(([sc]) => sc)).toEqual([8, 16, 24, 32, 39, 47, 55, 63]);
    expect(scales.map(([, m]) => m)).toEqual(new Array(8).fill(0));
    // Every value is the top of its sub-block's range: nibble 15 everywhere.
    expect(Array.from(out.subarray(16)).every((b) => b === 0xff)).toBe(true);
  });

  it('reads back within half a step of each sub-block on random weights', () => {
    const x = randomNormal(4 * QK_K, 0.02, 'kquant-test', 'q4k');
    const y = dequantize(GGML_TYPE.Q4_K, encodeTensor(GGML_TYPE.Q4_K, x), x.length);
    // The widest sub-block range over 15 steps, plus the 6-bit rounding of its scale and min.
    const range = Math.max(...x) - Math.min(...x);
    expect(maxError(x, y)).toBeLessThan(range / 15);
    expect(maxError(x, y)).toBeGreaterThan(0);
  });
});

describe('Q6_K', () => {
  it('takes 210 bytes per 256 values with fp16 d last', () => {
    const out = quantizeQ6_K(new Float32Array(QK_K).fill(0.5));
    expect(out.length).toBe(Q6_K_BYTES);
    expect(ggmlByteSize(GGML_TYPE.Q6_K, QK_K)).toBe(Q6_K_BYTES);
    // One value: every sub-block scale is 0.5 / -32; the largest maps to int8 -128, d = 1 / (-128 / scale).
    const d = f16BitsToF32(out[208]! | (out[209]! << 8));
    expect(d).toBeCloseTo((0.5 / -32) / -128, 6);
    expect(Array.from(new Int8Array(out.buffer, 192, 16))).toEqual(new Array(16).fill(-128));
  });

  it('round-trips q in −32..31 through the split low-nibble / high-pair layout', () => {
    // Values chosen so every 6-bit code 0..63 appears: x = (code − 32) · step, with one −32 per sub-block.
    const step = 0.01;
    const x = new Float32Array(QK_K).map((_, i) => (i % 16 === 0 ? -32 : ((i * 7) % 64) - 32) * step);
    const y = dequantize(GGML_TYPE.Q6_K, quantizeQ6_K(x), x.length);
    expect(maxError(x, y)).toBeLessThan(step * 0.51);
  });

  it('reads back closer than Q4_K on the same random weights', () => {
    const x = randomNormal(4 * QK_K, 0.02, 'kquant-test', 'q6k');
    const q6 = maxError(x, dequantize(GGML_TYPE.Q6_K, quantizeQ6_K(x), x.length));
    const q4 = maxError(x, dequantize(GGML_TYPE.Q4_K, quantizeQ4_K(x), x.length));
    expect(q6).toBeLessThan(q4);
    expect(q6).toBeLessThan((Math.max(...x.map(Math.abs)) / 31) * 0.6);
  });
});
