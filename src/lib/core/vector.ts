/**
 * Exact (brute-force) cosine search over embeddings. At the sizes a browser holds (≤ ~100k chunks
 * × 384 dims) a linear scan over one contiguous array takes tens of milliseconds and has perfect
 * recall, so an approximate graph index would only add memory and complexity.
 * Vectors are stored L2-normalized, so cosine similarity is a dot product.
 */
import { TopK } from './topk';
import type { Scored } from './types';
import { createStorage, type Quantization, type VectorStorage } from './vector-storage';

export type { Quantization } from './vector-storage';

export interface VectorIndexOptions {
  /** Memory layout; 'int8' takes a quarter of f32's memory, 'f16' half. Default 'f32'. */
  quantization?: Quantization;
  initialCapacity?: number;
}

/** Structured-clone friendly; store it in IndexedDB as is. */
export interface VectorSnapshot {
  version: 1;
  dim: number;
  quantization: Quantization;
  ids: string[];
  data: Float32Array | Int8Array | Uint16Array;
  scales?: Float32Array;
}

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

export class VectorIndex {
  readonly dim: number;
  readonly quantization: Quantization;
  #storage: VectorStorage;
  #ids: string[] = [];
  #slotOf = new Map<string, number>();
  #scratch = new Float32Array(0);

  constructor(dim: number, options: VectorIndexOptions = {}) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`Vector dimension must be a positive integer, got ${dim}`);
    this.dim = dim;
    this.quantization = options.quantization ?? 'f32';
    this.#storage = createStorage(this.quantization, dim, Math.max(1, options.initialCapacity ?? 64));
  }

  get size(): number {
    return this.#ids.length;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Add or replace the vector for `id`. */
  add(id: string, vec: Float32Array): void {
    this.#checkDim(vec);
    const unit = normalize(vec);
    let slot = this.#slotOf.get(id);
    if (slot === undefined) {
      slot = this.#ids.length;
      if (slot >= this.#storage.capacity) this.#storage.grow(this.#storage.capacity * 2);
      this.#ids.push(id);
      this.#slotOf.set(id, slot);
    }
    this.#storage.write(slot, unit);
  }

  /** O(1): the last vector moves into the freed slot. */
  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    const last = this.#ids.length - 1;
    if (slot !== last) {
      const lastId = this.#ids[last] as string;
      this.#storage.move(last, slot);
      this.#ids[slot] = lastId;
      this.#slotOf.set(lastId, slot);
    }
    this.#ids.pop();
    this.#slotOf.delete(id);
    return true;
  }

  /** The stored unit vector (decoded if quantized), e.g. for MMR. */
  get(id: string): Float32Array | undefined {
    const slot = this.#slotOf.get(id);
    return slot === undefined ? undefined : this.#storage.read(slot);
  }

  /** Top k by cosine similarity; `filter` is asked only about vectors that would make the top k. */
  search(query: Float32Array, k: number, filter?: (id: string) => boolean): Scored[] {
    this.#checkDim(query);
    const count = this.#ids.length;
    if (k <= 0 || count === 0) return [];
    if (this.#scratch.length < count) this.#scratch = new Float32Array(this.#storage.capacity);
    const scores = this.#scratch;
    this.#storage.scoreAll(normalize(query), count, scores);
    const heap = new TopK(Math.min(k, count));
    for (let s = 0; s < count; s++) {
      const score = scores[s] as number;
      if (!heap.wouldAccept(s, score)) continue;
      if (filter && !filter(this.#ids[s] as string)) continue;
      heap.push(s, score);
    }
    return heap.sorted().map(({ item, score }) => ({ id: this.#ids[item] as string, score }));
  }

  export(): VectorSnapshot {
    const { data, scales } = this.#storage.dump(this.#ids.length);
    return { version: 1, dim: this.dim, quantization: this.quantization, ids: this.#ids.slice(), data, ...(scales ? { scales } : {}) };
  }

  static from(snapshot: VectorSnapshot): VectorIndex {
    if (snapshot.version !== 1) throw new Error(`Unsupported vector snapshot version ${String(snapshot.version)}`);
    const index = new VectorIndex(snapshot.dim, { quantization: snapshot.quantization, initialCapacity: snapshot.ids.length });
    index.#storage.load(snapshot.data, snapshot.scales);
    index.#ids = snapshot.ids.slice();
    index.#slotOf = new Map(index.#ids.map((id, s) => [id, s]));
    return index;
  }

  #checkDim(vec: Float32Array): void {
    if (vec.length !== this.dim) throw new RangeError(`Vector has ${vec.length} dimensions; this index holds ${this.dim}`);
  }
}
