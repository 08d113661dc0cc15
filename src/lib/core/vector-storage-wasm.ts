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
import { quantizeInt8 } from './quantize-int8';
import type { Quantization, VectorStorage } from './vector-storage-types';
import { roundUp, WasmStorage } from './vector-storage-wasm-base';
import { WasmF16Storage } from './vector-storage-wasm-f16';
import { dotKernelModule, F32_LANES_PER_STEP, I8_LANES_PER_STEP, instantiateDotKernel, type DotKernel } from './wasm/dot-kernel';

/**
 * The query's int16 range: as large as possible (so its rounding error, ≤ 2^-16 of the largest
 * component, is far below int8's), but small enough that Σ |127 · q| over `dim` values fits an i32.
 */
function queryRange(dim: number): number {
  return Math.min(32767, Math.floor(0x7fffffff / (127 * dim)));
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

/** A WebAssembly-backed storage, or null where WebAssembly SIMD is unavailable. */
export function createWasmStorage(kind: Quantization, dim: number, capacity: number): VectorStorage | null {
  if (!dotKernelModule()) return null;
  const kernel = instantiateDotKernel(new WebAssembly.Memory({ initial: 1 }));
  if (!kernel) return null;
  if (kind === 'int8') return new WasmInt8Storage(kernel, dim, capacity);
  if (kind === 'f16') return new WasmF16Storage(kernel, dim, capacity);
  return new WasmF32Storage(kernel, dim, capacity);
}
