/**
 * Symmetric per-vector int8 quantization: the largest component maps to ±127 and one f32 scale
 * per vector undoes it. One function for every int8 storage, so their snapshots stay interchangeable.
 */

/** Writes `vec` as int8 at out[offset…]; returns the scale (0 for a zero vector). */
export function quantizeInt8(vec: Float32Array, out: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < vec.length; i++) max = Math.max(max, Math.abs(vec[i] as number));
  const scale = max === 0 ? 0 : max / 127;
  for (let i = 0; i < vec.length; i++) out[offset + i] = scale === 0 ? 0 : Math.round((vec[i] as number) / scale);
  return scale;
}
