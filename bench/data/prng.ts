/** Seeded random numbers for benchmark data (the same generator the model twins use), and a Gaussian. */
export { uniformStream as mulberry32 } from '../../scripts/models/prng';

/** Standard normal samples (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
