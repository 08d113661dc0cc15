/**
 * f32, int8 and f16 vector storage that lives inside a WebAssembly memory, so the SIMD kernel
 * (wasm/dot-kernel.ts) scores it in place with no copy per query. Same encodings and snapshots as
 * the JavaScript layouts in vector-storage.ts; only the stride is padded with zeros.
 *
 * Memory layout (bytes):  [query | vectors × capacity (64-aligned) | scales (int8 only) | scores]
 * The query region is f32 for f32 and f16 (scaled and reordered for f16, see WasmF16Storage), i16
 * for int8.
 * Growing keeps the vectors where they are (memory.grow extends in place) and moves only the
 * small tail regions behind them.
 */
import { HALF_TO_FLOAT, toVectorHalf } from './float16';
import { quantizeInt8 } from './quantize-int8';
import type { Quantization, VectorStorage } from './vector-storage-types';
import {
  dotKernelModule,
  F16_LANES_PER_STEP,
  F16_QUERY_SCALE,
  f16QueryPosition,
  F32_LANES_PER_STEP,
  I8_LANES_PER_STEP,
  instantiateDotKernel,
  type DotKernel,
} from './wasm/dot-kernel';

const PAGE = 65536;
const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/**
 * The query's int16 range: as large as possible (so its rounding error, ≤ 2^-16 of the largest
 * component, is far below int8's), but small enough that Σ |127 · q| over `dim` values fits an i32.
 */
function queryRange(dim: number): number {
  return Math.min(32767, Math.floor(0x7fffffff / (127 * dim)));
}

abstract class WasmStorage implements VectorStorage {
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

class WasmF32Storage extends WasmStorage {
  readonly kind = 'f32';

  constructor(kernel: DotKernel, dim: number, capacity: number) {
    const stride = roundUp(dim, F32_LANES_PER_STEP);
    super(kernel, dim, stride, stride * 4);
    this.grow(capacity);
  }

  protected get strideBytes(): number {
    return this.stride * 4;
  }
  protected get tailBytesPerSlot(): number {
    return 4;
  }
  protected moveTail(): void {
    // Only scores sit behind the vectors, and they are scratch.
  }

  write(slot: number, vec: Float32Array): void {
    this.f32.set(vec, (this.dataOff >> 2) + slot * this.stride);
  }
  read(slot: number): Float32Array {
    const at = (this.dataOff >> 2) + slot * this.stride;
    return this.f32.slice(at, at + this.dim);
  }
  scoreAll(query: Float32Array, count: number): Float32Array {
    this.f32.set(query, 0);
    const out = this.scoresOff;
    this.kernel.dotF32(0, this.dataOff, this.strideBytes, count, out);
    return this.f32.subarray(out >> 2, (out >> 2) + count);
  }
  dump(count: number): { data: Float32Array } {
    return { data: this.pack(this.f32, this.dataOff >> 2, count, (n) => new Float32Array(n)) };
  }
  load(data: Float32Array | Int8Array | Uint16Array): void {
    const count = data.length / this.dim;
    this.grow(count);
    this.unpack(this.f32, this.dataOff >> 2, data as Float32Array, count);
  }
}

class WasmInt8Storage extends WasmStorage {
  readonly kind = 'int8';
  readonly #queryRange: number;
  readonly #query: Int16Array;

  constructor(kernel: DotKernel, dim: number, capacity: number) {
    const stride = roundUp(dim, I8_LANES_PER_STEP);
    super(kernel, dim, stride, stride * 2);
    this.#queryRange = queryRange(dim);
    this.#query = new Int16Array(dim);
    this.grow(capacity);
  }

  protected get strideBytes(): number {
    return this.stride;
  }
  protected get tailBytesPerSlot(): number {
    return 8; // scale + score
  }
  #scalesOff(capacity = this.capacity): number {
    return this.dataOff + capacity * this.stride;
  }
  protected moveTail(oldCapacity: number): void {
    if (oldCapacity === 0) return;
    const from = this.#scalesOff(oldCapacity);
    new Uint8Array(this.kernel.memory.buffer).copyWithin(this.#scalesOff(), from, from + oldCapacity * 4);
  }

  write(slot: number, vec: Float32Array): void {
    const scale = quantizeInt8(vec, this.i8, this.dataOff + slot * this.stride);
    this.f32[(this.#scalesOff() >> 2) + slot] = scale;
  }
  override move(from: number, to: number): void {
    super.move(from, to);
    const scales = this.#scalesOff() >> 2;
    this.f32[scales + to] = this.f32[scales + from] as number;
  }
  read(slot: number): Float32Array {
    const out = new Float32Array(this.dim);
    const scale = this.f32[(this.#scalesOff() >> 2) + slot] as number;
    const base = this.dataOff + slot * this.stride;
    const i8 = this.i8;
    for (let i = 0; i < this.dim; i++) out[i] = (i8[base + i] as number) * scale;
    return out;
  }
  scoreAll(query: Float32Array, count: number): Float32Array {
    let max = 0;
    for (let i = 0; i < this.dim; i++) max = Math.max(max, Math.abs(query[i] as number));
    const qscale = max === 0 ? 0 : max / this.#queryRange;
    const q = this.#query;
    for (let i = 0; i < this.dim; i++) q[i] = qscale === 0 ? 0 : Math.round((query[i] as number) / qscale);
    this.i16.set(q, 0);
    const out = this.scoresOff;
    this.kernel.dotI8(0, this.dataOff, this.stride, count, this.#scalesOff(), qscale, out);
    return this.f32.subarray(out >> 2, (out >> 2) + count);
  }
  dump(count: number): { data: Int8Array; scales: Float32Array } {
    const scales = this.#scalesOff() >> 2;
    return {
      data: this.pack(this.i8, this.dataOff, count, (n) => new Int8Array(n)),
      scales: this.f32.slice(scales, scales + count),
    };
  }
  load(data: Float32Array | Int8Array | Uint16Array, scales?: Float32Array): void {
    if (!scales) throw new Error('An int8 vector snapshot needs its scales');
    this.grow(scales.length);
    this.unpack(this.i8, this.dataOff, data as Int8Array, scales.length);
    this.f32.set(scales, this.#scalesOff() >> 2);
  }
}

/**
 * IEEE half-precision bits, as the JavaScript F16Storage keeps them (so snapshots are the same),
 * scored by dot_f16. The query goes into memory multiplied by 2^112 and in the kernel's lane order;
 * that stays finite for any unit-length query (|q[i]| < 65504 would do). The padding may hold stale
 * bytes (old scores before a grow); every bit pattern decodes to a finite number there and meets
 * the query's zero padding, so it adds exactly 0.
 */
class WasmF16Storage extends WasmStorage {
  readonly kind = 'f16';
  readonly #query: Float32Array;
  /** Where each of the stride's query elements goes in the kernel's order. */
  readonly #positions: Uint16Array;

  constructor(kernel: DotKernel, dim: number, capacity: number) {
    const stride = roundUp(dim, F16_LANES_PER_STEP);
    super(kernel, dim, stride, stride * 4);
    this.#query = new Float32Array(stride);
    this.#positions = Uint16Array.from({ length: stride }, (_, i) => f16QueryPosition(i));
    this.grow(capacity);
  }

  protected get strideBytes(): number {
    return this.stride * 2;
  }
  protected get tailBytesPerSlot(): number {
    return 4;
  }
  protected moveTail(): void {
    // Only scores sit behind the vectors, and they are scratch.
  }

  write(slot: number, vec: Float32Array): void {
    const u16 = this.u16;
    const base = (this.dataOff >> 1) + slot * this.stride;
    for (let i = 0; i < this.dim; i++) u16[base + i] = toVectorHalf(vec[i] as number);
  }
  read(slot: number): Float32Array {
    const out = new Float32Array(this.dim);
    const u16 = this.u16;
    const base = (this.dataOff >> 1) + slot * this.stride;
    for (let i = 0; i < this.dim; i++) out[i] = HALF_TO_FLOAT[u16[base + i] as number] as number;
    return out;
  }
  scoreAll(query: Float32Array, count: number): Float32Array {
    const q = this.#query;
    const positions = this.#positions;
    for (let i = 0; i < this.dim; i++) q[positions[i] as number] = (query[i] as number) * F16_QUERY_SCALE;
    this.f32.set(q, 0);
    const out = this.scoresOff;
    this.kernel.dotF16(0, this.dataOff, this.strideBytes, count, out);
    return this.f32.subarray(out >> 2, (out >> 2) + count);
  }
  dump(count: number): { data: Uint16Array } {
    return { data: this.pack(this.u16, this.dataOff >> 1, count, (n) => new Uint16Array(n)) };
  }
  load(data: Float32Array | Int8Array | Uint16Array): void {
    const count = data.length / this.dim;
    this.grow(count);
    this.unpack(this.u16, this.dataOff >> 1, data as Uint16Array, count);
  }
}

/** A WebAssembly-backed storage, or null where WebAssembly SIMD is unavailable. */
export function createWasmStorage(kind: Quantization, dim: number, capacity: number): VectorStorage | null {
  if (!dotKernelModule()) return null;
  const kernel = instantiateDotKernel(new WebAssembly.Memory({ initial: 1 }));
  if (!kernel) return null;
  if (kind === 'int8') return new WasmInt8Storage(kernel, dim, capacity);
  if (kind === 'f16') return new WasmF16Storage(kernel, dim, capacity);
  return new WasmF32Storage(kernel, dim, capacity);
}
