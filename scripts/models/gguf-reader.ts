/**
 * Reads a GGUF file's header (metadata and tensor infos) and, on request, a tensor's bytes.
 * Used by the checks and tests to prove a written file says what the published one says.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ggmlByteSize } from './ggml-quant.ts';
import {
  GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GGUF_VALUE, alignUp,
  type GgufScalar, type GgufTensorInfo,
} from './gguf-format.ts';

export interface GgufHeader {
  version: number;
  /** Metadata values; arrays come back as JS arrays, u64/i64 as numbers. */
  metadata: Map<string, GgufScalar | GgufScalar[]>;
  /** The GGUF value kind of each key (array keys: `ARRAY:<item kind>`). */
  kinds: Map<string, string>;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** Absolute file offset of the data section. */
  dataOffset: number;
}

class OutOfData extends Error {}

const KIND_NAME = Object.fromEntries(Object.entries(GGUF_VALUE).map(([k, v]) => [v, k])) as Record<number, string>;

class Cursor {
  pos = 0;
  private readonly view: DataView;
  private readonly text = new TextDecoder();
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): number {
    if (this.pos + n > this.bytes.length) throw new OutOfData();
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8() { return this.view.getUint8(this.need(1)); }
  i8() { return this.view.getInt8(this.need(1)); }
  u16() { return this.view.getUint16(this.need(2), true); }
  i16() { return this.view.getInt16(this.need(2), true); }
  u32() { return this.view.getUint32(this.need(4), true); }
  i32() { return this.view.getInt32(this.need(4), true); }
  f32() { return this.view.getFloat32(this.need(4), true); }
  f64() { return this.view.getFloat64(this.need(8), true); }
  u64() { return Number(this.view.getBigUint64(this.need(8), true)); }
  i64() { return Number(this.view.getBigInt64(this.need(8), true)); }
  str() { const n = this.u64(); const at = this.need(n); return this.text.decode(this.bytes.subarray(at, at + n)); }

  scalar(kind: number): GgufScalar {
    switch (kind) {
      case GGUF_VALUE.UINT8: return this.u8();
      case GGUF_VALUE.INT8: return this.i8();
      case GGUF_VALUE.UINT16: return this.u16();
      case GGUF_VALUE.INT16: return this.i16();
      case GGUF_VALUE.UINT32: return this.u32();
      case GGUF_VALUE.INT32: return this.i32();
      case GGUF_VALUE.FLOAT32: return this.f32();
      case GGUF_VALUE.BOOL: return this.u8() !== 0;
      case GGUF_VALUE.STRING: return this.str();
      case GGUF_VALUE.UINT64: return this.u64();
      case GGUF_VALUE.INT64: return this.i64();
      case GGUF_VALUE.FLOAT64: return this.f64();
      default: throw new Error(`GGUF: unknown value type ${kind}`);
    }
  }
}

/** Parses a header from the first bytes of a file; throws OutOfData when more bytes are needed. */
function parse(bytes: Uint8Array): GgufHeader {
  const c = new Cursor(bytes);
  if (c.u32() !== GGUF_MAGIC) throw new Error('not a GGUF file (bad magic)');
  const version = c.u32();
  if (version < 2 || version > 3) throw new Error(`GGUF version ${version} is not supported`);
  const tensorCount = c.u64();
  const kvCount = c.u64();
  const metadata = new Map<string, GgufScalar | GgufScalar[]>();
  const kinds = new Map<string, string>();
  for (let i = 0; i < kvCount; i++) {
    const key = c.str();
    const kind = c.u32();
    if (kind === GGUF_VALUE.ARRAY) {
      const itemKind = c.u32();
      const n = c.u64();
      const items: GgufScalar[] = new Array(n);
      for (let j = 0; j < n; j++) items[j] = c.scalar(itemKind);
      metadata.set(key, items);
      kinds.set(key, `ARRAY:${KIND_NAME[itemKind]}`);
    } else {
      metadata.set(key, c.scalar(kind));
      kinds.set(key, KIND_NAME[kind] ?? String(kind));
    }
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = c.str();
    const nDims = c.u32();
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(c.u64());
    tensors.push({ name, dims, type: c.u32(), offset: c.u64() });
  }
  const alignment = Number(metadata.get('general.alignment') ?? GGUF_DEFAULT_ALIGNMENT);
  return { version, metadata, kinds, tensors, alignment, dataOffset: alignUp(c.pos, alignment) };
}

/** Parses a header held in memory. */
export function parseGgufHeader(bytes: Uint8Array): GgufHeader {
  return parse(bytes);
}

/** Reads just enough of the file to parse its header (growing the read until it fits). */
export function readGgufHeader(path: string): GgufHeader {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    for (let want = Math.min(size, 1 << 22); ; want = Math.min(size, want * 4)) {
      const bytes = new Uint8Array(want);
      readSync(fd, bytes, 0, want, 0);
      try {
        return parse(bytes);
      } catch (err) {
        if (!(err instanceof OutOfData) || want === size) throw err instanceof OutOfData ? new Error(`${path}: truncated GGUF header`) : err;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Number of values in a tensor. */
export function tensorCount(t: GgufTensorInfo): number {
  return t.dims.reduce((a, b) => a * b, 1);
}

/** The raw bytes of one tensor. */
export function readGgufTensorBytes(path: string, header: GgufHeader, name: string): Uint8Array {
  const t = header.tensors.find((x) => x.name === name);
  if (!t) throw new Error(`${path}: no tensor ${name}`);
  const bytes = new Uint8Array(ggmlByteSize(t.type, tensorCount(t)));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, header.dataOffset + t.offset);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
