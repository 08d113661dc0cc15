/** The float16 storage in WebAssembly memory (the app's layout), scored by dot_f16. */
import { halfTable, toVectorHalf } from './float16';
import { roundUp, WasmStorage } from './vector-storage-wasm-base';
import { F16_LANES_PER_STEP, F16_QUERY_SCALE, f16QueryPosition, type DotKernel } from './wasm/dot-kernel';

/**
 * IEEE half-precision bits, as the JavaScript F16Storage keeps them (so snapshots are the same),
 * scored by dot_f16. The query goes into memory multiplied by 2^112 and in the kernel's lane order;
 * that stays finite for any unit-length query (|q[i]| < 65504 would do). The padding may hold stale
 * bytes (old scores before a grow); every bit pattern decodes to a finite number there and meets
 * the query's zero padding, so it adds exactly 0.
 */
export class WasmF16Storage extends WasmStorage {
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
    const table = halfTable();
    for (let i = 0; i < this.dim; i++) out[i] = table[u16[base + i] as number] as number;
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
