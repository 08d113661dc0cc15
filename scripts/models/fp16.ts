/**
 * IEEE half-precision conversion, bit-exact with ggml's GGML_FP32_TO_FP16 (round to nearest, ties
 * to even), because GGUF block scales are stored as fp16 and tests compare them byte for byte.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The fp16 bit pattern nearest to `value` (ties to even; overflow gives ±Inf). */
export function f32ToF16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: shift the mantissa (with its implicit 1) right and round.
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    if (rem > half || (rem === half && (m & 1) === 1)) m++;
    return sign | m; // a carry into bit 10 is exactly the smallest normal, so no special case
  }
  let out = sign | (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (out & 1) === 1)) out++; // a carry may reach Inf: correct
  return out;
}

/** The float value of an fp16 bit pattern. */
export function f16BitsToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
