/**
 * Seeded random numbers for model weights. Every tensor gets its own stream, seeded from the
 * model's seed and the tensor's name, so a file's bytes never depend on the order tensors are made.
 */

/** 32-bit FNV-1a: turns a tensor name into a seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for weights whose only job is to be non-degenerate. */
export function uniformStream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `out` with normal(0, std) values (Box–Muller, both outputs used). */
export function fillNormal(out: Float32Array, std: number, seed: number): Float32Array {
  const next = uniformStream(seed);
  for (let i = 0; i < out.length; i += 2) {
    const u1 = 1 - next(); // (0, 1]: log(0) would give an infinite weight
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1)) * std;
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/** A normal(0, std) tensor of `size` values, seeded from `modelSeed` and the tensor name. */
export function randomNormal(size: number, std: number, modelSeed: string, tensorName: string): Float32Array {
  return fillNormal(new Float32Array(size), std, hashSeed(`${modelSeed}/${tensorName}`));
}
