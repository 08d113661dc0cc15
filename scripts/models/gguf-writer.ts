/**
 * Writes GGUF files. The header is built in memory (it holds the tokenizer: ~1.5 MB for a 49k
 * vocabulary); tensor data is streamed to disk one tensor at a time, so a 145 MB file never has to
 * sit in memory whole, and the sha256 is computed on the way out.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { ggmlByteSize } from './ggml-quant.ts';
import {
  GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GGUF_VALUE, GGUF_VERSION, alignUp,
  type GgufKv, type GgufScalar, type GgufScalarKind, type GgufTensorInfo,
} from './gguf-format.ts';

/** A growable little-endian byte buffer. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private readonly text = new TextEncoder();

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number) { this.reserve(1); this.view.setUint8(this.length, v); this.length += 1; }
  i8(v: number) { this.reserve(1); this.view.setInt8(this.length, v); this.length += 1; }
  u16(v: number) { this.reserve(2); this.view.setUint16(this.length, v, true); this.length += 2; }
  i16(v: number) { this.reserve(2); this.view.setInt16(this.length, v, true); this.length += 2; }
  u32(v: number) { this.reserve(4); this.view.setUint32(this.length, v, true); this.length += 4; }
  i32(v: number) { this.reserve(4); this.view.setInt32(this.length, v, true); this.length += 4; }
  f32(v: number) { this.reserve(4); this.view.setFloat32(this.length, v, true); this.length += 4; }
  f64(v: number) { this.reserve(8); this.view.setFloat64(this.length, v, true); this.length += 8; }
  u64(v: number | bigint) { this.reserve(8); this.view.setBigUint64(this.length, BigInt(v), true); this.length += 8; }
  i64(v: number | bigint) { this.reserve(8); this.view.setBigInt64(this.length, BigInt(v), true); this.length += 8; }
  bytes(b: Uint8Array) { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; }
  str(s: string) { const b = this.text.encode(s); this.u64(b.length); this.bytes(b); }
  pad(alignment: number) { const n = alignUp(this.length, alignment) - this.length; this.reserve(n); this.length += n; }
  result(): Uint8Array { return this.buf.slice(0, this.length); }
}

function writeScalar(sink: ByteSink, kind: GgufScalarKind, v: GgufScalar): void {
  switch (kind) {
    case 'UINT8': return sink.u8(Number(v));
    case 'INT8': return sink.i8(Number(v));
    case 'UINT16': return sink.u16(Number(v));
    case 'INT16': return sink.i16(Number(v));
    case 'UINT32': return sink.u32(Number(v));
    case 'INT32': return sink.i32(Number(v));
    case 'FLOAT32': return sink.f32(Number(v));
    case 'BOOL': return sink.u8(v ? 1 : 0);
    case 'STRING': return sink.str(String(v));
    case 'UINT64': return sink.u64(v as number | bigint);
    case 'INT64': return sink.i64(v as number | bigint);
    case 'FLOAT64': return sink.f64(Number(v));
  }
}

/** A tensor to be written: name, ggml-order dims, ggml type. Offsets are worked out here. */
export interface GgufTensorPlan {
  name: string;
  dims: number[];
  type: number;
}

export function tensorByteSize(t: GgufTensorPlan): number {
  return ggmlByteSize(t.type, t.dims.reduce((a, b) => a * b, 1));
}

/** Lays out the tensors (aligned offsets) and serialises everything up to the data section. */
export function encodeGgufHeader(kvs: readonly GgufKv[], plans: readonly GgufTensorPlan[]) {
  const alignment = GGUF_DEFAULT_ALIGNMENT;
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(plans.length);
  sink.u64(kvs.length);
  for (const entry of kvs) {
    sink.str(entry.key);
    sink.u32(GGUF_VALUE[entry.kind]);
    if (entry.kind === 'ARRAY') {
      const items = entry.value as readonly GgufScalar[];
      const itemKind = entry.itemKind!;
      sink.u32(GGUF_VALUE[itemKind]);
      sink.u64(items.length);
      for (const item of items) writeScalar(sink, itemKind, item);
    } else {
      writeScalar(sink, entry.kind, entry.value as GgufScalar);
    }
  }
  const tensors: GgufTensorInfo[] = [];
  let offset = 0;
  for (const plan of plans) {
    tensors.push({ ...plan, offset });
    offset = alignUp(offset + tensorByteSize(plan), alignment);
  }
  for (const t of tensors) {
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(t.offset);
  }
  sink.pad(alignment);
  return { header: sink.result(), tensors, alignment, dataSize: offset };
}

/** Streams one GGUF file: construct with the whole plan, then hand over each tensor's bytes in order. */
export class GgufFileWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly tensors: GgufTensorInfo[];
  private readonly alignment: number;
  private next = 0;
  private written = 0;

  constructor(readonly path: string, kvs: readonly GgufKv[], plans: readonly GgufTensorPlan[]) {
    const { header, tensors, alignment } = encodeGgufHeader(kvs, plans);
    this.tensors = tensors;
    this.alignment = alignment;
    this.fd = openSync(path, 'w');
    this.put(header);
  }

  private put(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.hash.update(bytes);
    this.written += bytes.length;
  }

  /** Writes the next tensor's encoded bytes (must match the planned type and size). */
  writeTensor(bytes: Uint8Array): void {
    const info = this.tensors[this.next];
    if (!info) throw new Error(`${this.path}: more tensors than planned`);
    const expected = tensorByteSize(info);
    if (bytes.length !== expected) throw new Error(`${info.name}: ${bytes.length} bytes, expected ${expected}`);
    this.put(bytes);
    const padded = alignUp(bytes.length, this.alignment);
    if (padded > bytes.length) this.put(new Uint8Array(padded - bytes.length)); // ggml pads the last one too
    this.next++;
  }

  /** Closes the file; returns its size and sha256. */
  finish(): { size: number; sha256: string } {
    closeSync(this.fd);
    if (this.next !== this.tensors.length) throw new Error(`${this.path}: ${this.next} of ${this.tensors.length} tensors written`);
    return { size: this.written, sha256: this.hash.digest('hex') };
  }
}
