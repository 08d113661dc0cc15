/**
 * ggml tensor types and the block quantizations the GGUF twins use: Q8_0 and Q4_0 written to match
 * llama.cpp's reference quantizers (quantize_row_q8_0_ref / quantize_row_q4_0_ref) bit for bit, the
 * k-quants of a Q4_K_M file in ggml-kquant.ts. Arithmetic goes through Math.fround so it rounds like
 * the C code's float32 maths.
 */
import { f16BitsToF32, f32ToF16Bits } from './fp16.ts';
import { dequantizeQ4_K, dequantizeQ6_K, quantizeQ4_K, quantizeQ6_K } from './ggml-kquant.ts';

/** ggml_type ids as stored in GGUF tensor infos. */
export const GGML_TYPE = {
  F32: 0, F16: 1, Q4_0: 2, Q4_1: 3, Q5_0: 6, Q5_1: 7, Q8_0: 8, Q8_1: 9,
  Q2_K: 10, Q3_K: 11, Q4_K: 12, Q5_K: 13, Q6_K: 14, Q8_K: 15, BF16: 30,
} as const;
export type GgmlTypeName = keyof typeof GGML_TYPE;

/** [values per block, bytes per block] for each type. */
const LAYOUT: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292], 30: [1, 2],
};

export const QK = 32; // values per Q8_0 / Q4_0 block

export function ggmlTypeName(type: number): string {
  const hit = Object.entries(GGML_TYPE).find(([, id]) => id === type);
  return hit ? hit[0] : `type${type}`;
}

/** Bytes a tensor of `count` values takes in `type`. Throws for a count that is not whole blocks. */
export function ggmlByteSize(type: number, count: number): number {
  const layout = LAYOUT[type];
  if (!layout) throw new Error(`unknown ggml type ${type}`);
  const [block, bytes] = layout;
  if (count % block !== 0) throw new Error(`${count} values is not a whole number of ${ggmlTypeName(type)} blocks`);
  return (count / block) * bytes;
}

const fr = Math.fround;
/** C's roundf: halves go away from zero (Math.round sends -0.5 to -0, not -1). */
const roundAway = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

/** Q8_0: per 32 values, an fp16 scale d = max|x| / 127 and 32 int8 values round(x / d). */
export function quantizeQ8_0(x: Float32Array): Uint8Array {
  if (x.length % QK !== 0) throw new Error('Q8_0 needs a multiple of 32 values');
  const out = new Uint8Array((x.length / QK) * 34);
  const view = new DataView(out.buffer);
  for (let b = 0, o = 0; b < x.length; b += QK, o += 34) {
    let amax = 0;
    for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(x[b + j]!));
    const d = fr(amax / 127);
    const id = d ? fr(1 / d) : 0;
    view.setUint16(o, f32ToF16Bits(d), true);
    for (let j = 0; j < QK; j++) view.setInt8(o + 2 + j, roundAway(fr(x[b + j]! * id)));
  }
  return out;
}

/**
 * Q4_0: per 32 values, an fp16 scale d = m / -8 (m: the value of largest magnitude, sign kept) and
 * 16 bytes of nibbles q = min(15, trunc(x / d + 8.5)); byte j holds value j low and value j+16 high.
 */
export function quantizeQ4_0(x: Float32Array): Uint8Array {
  if (x.length % QK !== 0) throw new Error('Q4_0 needs a multiple of 32 values');
  const out = new Uint8Array((x.length / QK) * 18);
  const view = new DataView(out.buffer);
  for (let b = 0, o = 0; b < x.length; b += QK, o += 18) {
    let amax = 0;
    let max = 0;
    for (let j = 0; j < QK; j++) {
      const v = x[b + j]!;
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = fr(max / -8);
    const id = d ? fr(1 / d) : 0;
    view.setUint16(o, f32ToF16Bits(d), true);
    for (let j = 0; j < QK / 2; j++) {
      const lo = Math.min(15, Math.trunc(fr(fr(x[b + j]! * id) + 8.5)));
      const hi = Math.min(15, Math.trunc(fr(fr(x[b + QK / 2 + j]! * id) + 8.5)));
      out[o + 2 + j] = lo | (hi << 4);
    }
  }
  return out;
}

/** Back to floats, for tests and checks (F32, F16, Q8_0, Q4_0, Q4_K, Q6_K). */
export function dequantize(type: number, bytes: Uint8Array, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (type === GGML_TYPE.F32) {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (type === GGML_TYPE.F16) {
    for (let i = 0; i < count; i++) out[i] = f16BitsToF32(view.getUint16(i * 2, true));
  } else if (type === GGML_TYPE.Q8_0) {
    for (let b = 0; b < count / QK; b++) {
      const d = f16BitsToF32(view.getUint16(b * 34, true));
      for (let j = 0; j < QK; j++) out[b * QK + j] = d * view.getInt8(b * 34 + 2 + j);
    }
  } else if (type === GGML_TYPE.Q4_0) {
    for (let b = 0; b < count / QK; b++) {
      const d = f16BitsToF32(view.getUint16(b * 18, true));
      for (let j = 0; j < QK / 2; j++) {
        const q = bytes[b * 18 + 2 + j]!;
        out[b * QK + j] = d * ((q & 0x0f) - 8);
        out[b * QK + QK / 2 + j] = d * ((q >> 4) - 8);
      }
    }
  } else if (type === GGML_TYPE.Q4_K) {
    return dequantizeQ4_K(bytes, count);
  } else if (type === GGML_TYPE.Q6_K) {
    return dequantizeQ6_K(bytes, count);
  } else {
    throw new Error(`dequantize: ${ggmlTypeName(type)} is not supported here`);
  }
  return out;
}

/** Encodes floats as `type` (F32, F16, Q8_0, Q4_0, Q4_K or Q6_K). */
export function encodeTensor(type: number, x: Float32Array): Uint8Array {
  if (type === GGML_TYPE.Q8_0) return quantizeQ8_0(x);
  if (type === GGML_TYPE.Q4_0) return quantizeQ4_0(x);
  if (type === GGML_TYPE.Q4_K) return quantizeQ4_K(x);
  if (type === GGML_TYPE.Q6_K) return quantizeQ6_K(x);
  if (type === GGML_TYPE.F32) {
    const out = new Uint8Array(x.length * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < x.length; i++) view.setFloat32(i * 4, x[i]!, true); // GGUF is little-endian
    return out;
  }
  if (type === GGML_TYPE.F16) {
    const out = new Uint8Array(x.length * 2);
    const view = new DataView(out.buffer);
    for (let i = 0; i < x.length; i++) view.setUint16(i * 2, f32ToF16Bits(x[i]!), true);
    return out;
  }
  throw new Error(`encodeTensor: ${ggmlTypeName(type)} is not supported here`);
}
