/**
 * The shared part of the WebAssembly-memory vector storages (vector-storage-wasm.ts: f32 and int8;
 * vector-storage-wasm-f16.ts): one memory per index, its layout, growing in place, typed views
 * remade after a grow, and packing to and from unpadded snapshots.
 */
import type { Quantization, VectorStorage } from './vector-storage-types';
import type { DotKernel } from './wasm/dot-kernel';

const PAGE = 65536;
export const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

export abstract class WasmStorage implements VectorStorage {
  abstract readonly kind: Quantization;
  readonly dim: number;
  /** Values per stored vector (dim rounded up to the kernel's step). */
  readonly stride: number;
  protected readonly kernel: DotKernel;
  protected readonly dataOff: number;
  #capacity = 0;
  #buffer: ArrayBuffer | null = null;
  #f32 = new Float32Array(0);
  #i8 = new Int8Array(0);
  #i16 = new Int16Array(0);
  #u16 = new Uint16Array(0);

  constructor(kernel: DotKernel, dim: number, stride: number, queryBytes: number) {
    this.kernel = kernel;
    this.dim = dim;
    this.stride = stride;
    this.dataOff = roundUp(queryBytes, 64);
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Bytes one stored vector takes. */
  protected abstract get strideBytes(): number;
  /** Bytes per slot of the regions after the vectors (the 4-byte score included). */
  protected abstract get tailBytesPerSlot(): number;
  /** Moves tail regions from their places at `oldCapacity` to their places at the current one. */
  protected abstract moveTail(oldCapacity: number): void;

  /** Scores are the last region. */
  protected get scoresOff(): number {
    return this.dataOff + this.#capacity * (this.strideBytes + this.tailBytesPerSlot - 4);
  }

  /** Typed views on the memory, remade after a grow (growing detaches the old buffer). */
  protected get f32(): Float32Array {
    this.#refresh();
    return this.#f32;
  }
  protected get i8(): Int8Array {
    this.#refresh();
    return this.#i8;
  }
  protected get i16(): Int16Array {
    this.#refresh();
    return this.#i16;
  }
  protected get u16(): Uint16Array {
    this.#refresh();
    return this.#u16;
  }

  #refresh(): void {
    const buffer = this.kernel.memory.buffer;
    if (buffer === this.#buffer) return;
    this.#buffer = buffer;
    this.#f32 = new Float32Array(buffer);
    this.#i8 = new Int8Array(buffer);
    this.#i16 = new Int16Array(buffer);
    this.#u16 = new Uint16Array(buffer);
  }

  grow(capacity: number): void {
    if (capacity <= this.#capacity) return;
    const old = this.#capacity;
    const needed = this.dataOff + capacity * (this.strideBytes + this.tailBytesPerSlot);
    const have = this.kernel.memory.buffer.byteLength;
    if (needed > have) this.kernel.memory.grow(Math.ceil((needed - have) / PAGE));
    this.#capacity = capacity;
    this.moveTail(old);
  }

  move(from: number, to: number): void {
    const sb = this.strideBytes;
    const base = this.dataOff;
    new Uint8Array(this.kernel.memory.buffer).copyWithin(base + to * sb, base + from * sb, base + (from + 1) * sb);
  }

  abstract write(slot: number, vec: Float32Array): void;
  abstract read(slot: number): Float32Array;
  abstract scoreAll(query: Float32Array, count: number): Float32Array;
  abstract dump(count: number): { data: Float32Array | Int8Array | Uint16Array; scales?: Float32Array };
  abstract load(data: Float32Array | Int8Array | Uint16Array, scales?: Float32Array): void;

  /** Copies `count` unpadded vectors from `src` into the padded slots 0…count-1 of `view`. */
  protected unpack<T extends Float32Array | Int8Array | Uint16Array>(view: T, viewOff: number, src: T, count: number): void {
    if (this.stride === this.dim) {
      view.set(src.subarray(0, count * this.dim), viewOff);
      return;
    }
    for (let s = 0; s < count; s++) view.set(src.subarray(s * this.dim, (s + 1) * this.dim), viewOff + s * this.stride);
  }

  /** The first `count` vectors of `view` without padding, as a fresh array. */
  protected pack<T extends Float32Array | Int8Array | Uint16Array>(view: T, viewOff: number, count: number, make: (n: number) => T): T {
    if (this.stride === this.dim) return view.slice(viewOff, viewOff + count * this.dim) as T;
    const out = make(count * this.dim);
    for (let s = 0; s < count; s++) out.set(view.subarray(viewOff + s * this.stride, viewOff + s * this.stride + this.dim), s * this.dim);
    return out;
  }
}
