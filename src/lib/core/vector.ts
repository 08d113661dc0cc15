/**
 * Exact (brute-force) cosine search over embeddings. Vectors are stored L2-normalized, so cosine
 * similarity is a dot product; a WebAssembly SIMD kernel (wasm/dot-kernel.ts) scores one contiguous
 * array in place, and plain JavaScript loops take over where SIMD is unavailable.
 *
 * Top-10 over 384-d vectors (256 tight clusters, bench "retrieval-latency"), 2-core AMD EPYC, p50 in
 * ms: headless Chromium 156 (two runs on a quiet machine) and Node 20; payload bytes per vector:
 *                  10k       100k       Node 10k / 100k    bytes
 *   JS f32         7.1–9.3   44.6–47.4    4.2 / 42.8       1536   (Chromium: earlier runs)
 *   JS f16            –         –         6.1 / 60–79       768   (scoring alone)
 *   Wasm f32       0.26      4.5–4.7      0.26 / 4.6–7.4   1536
 *   Wasm f16       0.38      3.8–3.9      0.43 / 4.2–4.5    768
 *   Wasm int8      0.15      1.6–1.7      0.16 / 1.6        388   (384 values + a scale)
 * recall@10 against exact f32 (200 queries): f16 1.000 at 10k and at 100k; int8 0.992 / 0.983.
 * Default here: f32 in Wasm (the app holds f16: workers/retrieval/search-index.ts). f32 meets the
 * 15 ms p50 target at 100k with perfect recall; its floor is memory bandwidth: 154 MB per query at
 * the 38.6 GB/s one thread reads (bench "peaks") is 4 ms, and other processes competing for it add
 * to that. f16 halves the memory (77 MB at 100k) with the same top 10 in practice and is a little
 * faster at 100k. It is bound by its decode (integer shifts: Wasm has no f16 arithmetic), not by
 * memory, so at 10k, where f32 sits in cache, it is slower by a tenth of a millisecond. int8 reads
 * a quarter of f32, so it is the switch if the target must hold under load or memory is short
 * (38 MB at 100k), at the price of about one in fifty of the true top 10 on this data. The top-k
 * heap is ~0.5 ms of it.
 * No approximate index (HNSW/IVF): exact search already meets the target at the sizes a browser
 * holds, and a graph would add memory, slow every insert and delete, and give up recall.
 */
import { normalize } from './normalize';
import { TopK } from './topk';
import type { Scored } from './types';
import { createStorage, type Quantization, type VectorStorage } from './vector-storage';

export type { Quantization } from './vector-storage';
export { normalize } from './normalize';

export interface VectorIndexOptions {
  /**
   * Memory layout; 'int8' takes a quarter of f32's memory, 'f16' half (both scored in WebAssembly
   * SIMD: 1.6 and 3.9 ms at 100k × 384, against 4.6 for f32). Default 'f32'.
   */
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

export class VectorIndex {
  readonly dim: number;
  readonly quantization: Quantization;
  #storage: VectorStorage;
  #ids: string[] = [];
  #slotOf = new Map<string, number>();

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
    const scores = this.#storage.scoreAll(normalize(query), count);
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
