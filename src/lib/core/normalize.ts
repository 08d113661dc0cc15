/** L2 normalization, in a file of its own so storage code can use it without the vector index. */

/** A unit-length copy of `vec` (a zero vector stays zero: it matches nothing). */
export function normalize(vec: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) sum += (vec[i] as number) * (vec[i] as number);
  const out = new Float32Array(vec.length);
  if (sum === 0) return out;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vec.length; i++) out[i] = (vec[i] as number) * inv;
  return out;
}
