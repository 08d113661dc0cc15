/** The shape every vector storage has (JS and WASM), in a file of its own so neither imports the other. */

export type Quantization = 'f32' | 'int8' | 'f16';

export interface VectorStorage {
  readonly kind: Quantization;
  readonly dim: number;
  /** How many vectors fit before the next grow. */
  readonly capacity: number;
  grow(capacity: number): void;
  /** Store an already L2-normalized vector at `slot`. */
  write(slot: number, vec: Float32Array): void;
  /** Copy slot `from` over slot `to` (swap-with-last removal). */
  move(from: number, to: number): void;
  /**
   * Dot product of `query` with every vector in slots [0, count). The returned array (at least
   * `count` long) is the storage's own scratch: valid until the next call that changes the storage.
   */
  scoreAll(query: Float32Array, count: number): Float32Array;
  /** The stored (decoded) vector at `slot`. */
  read(slot: number): Float32Array;
  /** Raw arrays for a snapshot: the first `count` vectors. */
  dump(count: number): { data: Float32Array | Int8Array | Uint16Array; scales?: Float32Array };
  load(data: Float32Array | Int8Array | Uint16Array, scales?: Float32Array): void;
}
