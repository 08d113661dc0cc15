/**
 * The two k-quant block types a Q4_K_M GGUF holds, in llama.cpp's byte layout (ggml-common.h):
 *   Q4_K, 256 values in 144 bytes: fp16 d, fp16 dmin, 12 bytes of 6-bit scales and mins for eight
 *         sub-blocks of 32, then 128 bytes of nibbles; x = d·sc·q − dmin·m.
 *   Q6_K, 256 values in 210 bytes: 128 bytes of low nibbles, 64 bytes of high 2-bit pairs, sixteen
 *         int8 scales (one per 16 values), fp16 d; x = d·sc·(q − 32).
 * The scales are found in one pass (range of each sub-block), not with llama.cpp's iterative search:
 * the twins' weights are random, so only the layout and the work per value have to be the real ones.
 * The dequantizers follow ggml's dequantize_row_q4_K / _q6_K and are what the tests read back with.
 */
import { f16BitsToF32, f32ToF16Bits } from './fp16.ts';

export const QK_K = 256;
export const Q4_K_BYTES = 144;
export const Q6_K_BYTES = 210;

const fr = Math.fround;
/** C's nearest_int / roundf: halves away from zero. */
const nearest = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function requireBlocks(x: Float32Array, what: string): void {
  if (x.length % QK_K !== 0) throw new Error(`${what} needs a multiple of ${QK_K} values`);
}

/** ggml's get_scale_min_k4: sub-block j's 6-bit scale and min out of the 12 packed bytes. */
export function scaleMinK4(j: number, q: Uint8Array, at: number): [number, number] {
  if (j < 4) return [q[at + j]! & 63, q[at + j + 4]! & 63];
  return [(q[at + j + 4]! & 0xf) | ((q[at + j - 4]! >> 6) << 4), (q[at + j + 4]! >> 4) | ((q[at + j]! >> 6) << 4)];
}

export function quantizeQ4_K(x: Float32Array): Uint8Array {
  requireBlocks(x, 'Q4_K');
  const out = new Uint8Array((x.length / QK_K) * Q4_K_BYTES);
  const view = new DataView(out.buffer);
  const scales = new Float32Array(8);
  const mins = new Float32Array(8);
  const L = new Uint8Array(QK_K);
  for (let b = 0, o = 0; b < x.length; b += QK_K, o += Q4_K_BYTES) {
    // Each sub-block of 32: x ≈ scale·q − min with q in 0..15 and min ≥ 0 (so 0 is representable).
    for (let j = 0; j < 8; j++) {
      let lo = 0;
      let hi = 0;
      for (let l = 0; l < 32; l++) {
        const v = x[b + 32 * j + l]!;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      scales[j] = fr((hi - lo) / 15);
      mins[j] = fr(-lo);
    }
    const maxScale = Math.max(...scales);
    const maxMin = Math.max(...mins);
    const invScale = maxScale > 0 ? fr(63 / maxScale) : 0;
    const invMin = maxMin > 0 ? fr(63 / maxMin) : 0;
    const packed = out.subarray(o + 4, o + 16);
    for (let j = 0; j < 8; j++) {
      const ls = Math.min(63, nearest(fr(invScale * scales[j]!)));
      const lm = Math.min(63, nearest(fr(invMin * mins[j]!)));
      if (j < 4) {
        packed[j] = ls;
        packed[j + 4] = lm;
      } else {
        packed[j + 4] = (ls & 0xf) | ((lm & 0xf) << 4);
        packed[j - 4]! |= (ls >> 4) << 6;
        packed[j]! |= (lm >> 4) << 6;
      }
    }
    const d = fr(maxScale / 63);
    const dmin = fr(maxMin / 63);
    view.setUint16(o, f32ToF16Bits(d), true);
    view.setUint16(o + 2, f32ToF16Bits(dmin), true);
    // Quantize against the scales as stored, like quantize_row_q4_K_ref does.
    const dStored = f16BitsToF32(view.getUint16(o, true));
    const mStored = f16BitsToF32(view.getUint16(o + 2, true));
    for (let j = 0; j < 8; j++) {
      const [sc, m] = scaleMinK4(j, out, o + 4);
      const step = fr(dStored * sc);
      const offset = fr(mStored * m);
      for (let l = 0; l < 32; l++) {
        const i = 32 * j + l;
        L[i] = step ? clamp(nearest(fr(fr(x[b + i]! + offset) / step)), 0, 15) : 0;
      }
    }
    for (let j = 0, q = o + 16; j < QK_K; j += 64, q += 32) {
      for (let l = 0; l < 32; l++) out[q + l] = L[j + l]! | (L[j + l + 32]! << 4);
    }
  }
  return out;
}

export function dequantizeQ4_K(bytes: Uint8Array, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const y = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += QK_K, o += Q4_K_BYTES) {
    const d = f16BitsToF32(view.getUint16(o, true));
    const min = f16BitsToF32(view.getUint16(o + 2, true));
    let q = o + 16;
    let at = b;
    for (let j = 0, is = 0; j < QK_K; j += 64, is += 2, q += 32) {
      const [sc1, m1] = scaleMinK4(is, bytes, o + 4);
      const [sc2, m2] = scaleMinK4(is + 1, bytes, o + 4);
      for (let l = 0; l < 32; l++) y[at++] = d * sc1 * (bytes[q + l]! & 0xf) - min * m1;
      for (let l = 0; l < 32; l++) y[at++] = d * sc2 * (bytes[q + l]! >> 4) - min * m2;
    }
  }
  return y;
}

export function quantizeQ6_K(x: Float32Array): Uint8Array {
  requireBlocks(x, 'Q6_K');
  const out = new Uint8Array((x.length / QK_K) * Q6_K_BYTES);
  const view = new DataView(out.buffer);
  const scales = new Float32Array(16);
  const L = new Uint8Array(QK_K);
  for (let b = 0, o = 0; b < x.length; b += QK_K, o += Q6_K_BYTES) {
    // Each sub-block of 16: x ≈ scale·q with q in −32..31; scale = (value of largest magnitude) / −32.
    let maxScale = 0;
    for (let s = 0; s < 16; s++) {
      let m = 0;
      for (let l = 0; l < 16; l++) {
        const v = x[b + 16 * s + l]!;
        if (Math.abs(v) > Math.abs(m)) m = v;
      }
      scales[s] = fr(m / -32);
      if (Math.abs(scales[s]!) > Math.abs(maxScale)) maxScale = scales[s]!;
    }
    const iscale = maxScale ? fr(-128 / maxScale) : 0;
    const d = iscale ? fr(1 / iscale) : 0;
    view.setUint16(o + 208, f32ToF16Bits(d), true);
    const dStored = f16BitsToF32(view.getUint16(o + 208, true));
    for (let s = 0; s < 16; s++) {
      const sc = clamp(nearest(fr(iscale * scales[s]!)), -128, 127);
      out[o + 192 + s] = sc & 0xff;
      const step = fr(dStored * sc);
      for (let l = 0; l < 16; l++) {
        const i = 16 * s + l;
        L[i] = (step ? clamp(nearest(fr(x[b + i]! / step)), -32, 31) : 0) + 32;
      }
    }
    for (let j = 0, ql = o, qh = o + 128; j < QK_K; j += 128, ql += 64, qh += 32) {
      for (let l = 0; l < 32; l++) {
        const [q1, q2, q3, q4] = [L[j + l]!, L[j + l + 32]!, L[j + l + 64]!, L[j + l + 96]!];
        out[ql + l] = (q1 & 0xf) | ((q3 & 0xf) << 4);
        out[ql + l + 32] = (q2 & 0xf) | ((q4 & 0xf) << 4);
        out[qh + l] = (q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6);
      }
    }
  }
  return out;
}

export function dequantizeQ6_K(bytes: Uint8Array, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const y = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += QK_K, o += Q6_K_BYTES) {
    const d = f16BitsToF32(view.getUint16(o + 208, true));
    for (let n = 0, ql = o, qh = o + 128, sc = o + 192; n < QK_K; n += 128, ql += 64, qh += 32, sc += 8) {
      for (let l = 0; l < 32; l++) {
        const is = Math.floor(l / 16);
        const h = bytes[qh + l]!;
        const q1 = ((bytes[ql + l]! & 0xf) | ((h & 3) << 4)) - 32;
        const q2 = ((bytes[ql + l + 32]! & 0xf) | (((h >> 2) & 3) << 4)) - 32;
        const q3 = ((bytes[ql + l]! >> 4) | (((h >> 4) & 3) << 4)) - 32;
        const q4 = ((bytes[ql + l + 32]! >> 4) | (((h >> 6) & 3) << 4)) - 32;
        const s = (i: number) => view.getInt8(sc + is + i);
        y[b + n + l] = d * s(0) * q1;
        y[b + n + l + 32] = d * s(2) * q2;
        y[b + n + l + 64] = d * s(4) * q3;
        y[b + n + l + 96] = d * s(6) * q4;
      }
    }
  }
  return y;
}
