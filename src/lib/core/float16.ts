/**
 * IEEE 754 half-precision encode/decode without Float16Array (not in every browser yet). Decoding
 * goes through a 64K-entry table because it sits in the vector search's inner loop.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Round-to-nearest-even conversion of a float to its 16-bit pattern. */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa bumps the exponent, which is the correct rounding (up to Inf).
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return sign | half;
}

function decode(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

let table: Float32Array | null = null;

/**
 * halfTable()[h] is the float value of the 16-bit pattern h. Made on first use, not when the module
 * loads: the page imports this module, and 65,536 decodes took about 23 ms of its 220 ms start-up
 * task (CPU profile at 4× slowdown).
 */
export function halfTable(): Float32Array {
  if (table) return table;
  table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) table[h] = decode(h);
  return table;
}

export function fromHalf(h: number): number {
  return halfTable()[h & 0xffff] as number;
}

const SMALLEST_NORMAL_HALF = 2 ** -14;

/**
 * A vector component as float16, with values too small for a normal half (|x| < 2^-14, about 0.1%
 * of a unit vector's components) stored as zero: they would change a dot product by less than 6e-5,
 * and subnormals make the SIMD scoring loop about 15% slower (the CPU multiplies them slowly).
 */
export function toVectorHalf(value: number): number {
  return Math.abs(value) < SMALLEST_NORMAL_HALF ? (value < 0 || Object.is(value, -0) ? 0x8000 : 0) : toHalf(value);
}

/** A vector as float16 bit patterns (how chunk vectors are stored: half the bytes of float32). */
export function encodeHalves(vec: ArrayLike<number>): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(vec.length);
  for (let i = 0; i < vec.length; i++) out[i] = toVectorHalf(vec[i] as number);
  return out;
}

export function decodeHalves(halves: Uint16Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(halves.length);
  const table = halfTable();
  for (let i = 0; i < halves.length; i++) out[i] = table[halves[i] as number] as number;
  return out;
}
