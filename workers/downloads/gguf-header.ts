/**
 * Reads the metadata at the start of a GGUF file (magic, version, key/value pairs), so an imported file
 * is checked to be GGUF and described by its own facts (name, architecture, context length) instead of
 * guesses. Arrays (the tokenizer's vocabulary) are skipped, not kept. Pure: works on any ArrayBuffer.
 */

export type GgufValue = number | bigint | boolean | string;

export interface GgufHeader {
  version: number;
  tensorCount: bigint;
  /** Scalar and string values; arrays are left out. Keys read before the buffer ran out. */
  metadata: Map<string, GgufValue>;
  /** False when the buffer ended before every key was read (the caller passed only the file's start). */
  complete: boolean;
}

const MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const SCALAR_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;

class OutOfData extends Error {}

class Reader {
  #view: DataView;
  #bytes: Uint8Array;
  offset = 0;
  constructor(buffer: ArrayBuffer) {
    this.#view = new DataView(buffer);
    this.#bytes = new Uint8Array(buffer);
  }
  #need(n: number | bigint): number {
    const size = Number(n);
    if (!Number.isSafeInteger(size) || size < 0 || this.offset + size > this.#view.byteLength) throw new OutOfData();
    const at = this.offset;
    this.offset += size;
    return at;
  }
  u32(): number {
    return this.#view.getUint32(this.#need(4), true);
  }
  u64(): bigint {
    return this.#view.getBigUint64(this.#need(8), true);
  }
  string(): string {
    const length = this.u64();
    const at = this.#need(length);
    return new TextDecoder().decode(this.#bytes.subarray(at, at + Number(length)));
  }
  skip(n: number | bigint): void {
    this.#need(n);
  }
  scalar(type: number): GgufValue {
    const at = this.#need(SCALAR_SIZES[type] ?? Number.NaN);
    const v = this.#view;
    switch (type) {
      case 0: return v.getUint8(at);
      case 1: return v.getInt8(at);
      case 2: return v.getUint16(at, true);
      case 3: return v.getInt16(at, true);
      case 4: return v.getUint32(at, true);
      case 5: return v.getInt32(at, true);
      case 6: return v.getFloat32(at, true);
      case 7: return v.getUint8(at) !== 0;
      case 10: return v.getBigUint64(at, true);
      case 11: return v.getBigInt64(at, true);
      default: return v.getFloat64(at, true);
    }
  }
}

/** True when the bytes start with the GGUF magic. */
export function isGguf(start: ArrayBuffer): boolean {
  return start.byteLength >= 4 && new DataView(start).getUint32(0, true) === MAGIC;
}

/**
 * Parse the header. Returns null when the bytes are not GGUF (wrong magic or unknown version);
 * a buffer that ends early gives the keys read so far with `complete: false`.
 */
export function readGgufHeader(buffer: ArrayBuffer): GgufHeader | null {
  if (!isGguf(buffer)) return null;
  const r = new Reader(buffer);
  r.skip(4);
  const metadata = new Map<string, GgufValue>();
  try {
    const version = r.u32();
    if (version < 2 || version > 3) return null;
    const tensorCount = r.u64();
    const kvCount = r.u64();
    const header: GgufHeader = { version, tensorCount, metadata, complete: false };
    try {
      for (let i = 0n; i < kvCount; i++) {
        const key = r.string();
        const type = r.u32();
        if (type === STRING) metadata.set(key, r.string());
        else if (type === ARRAY) skipArray(r);
        else if (type in SCALAR_SIZES) metadata.set(key, r.scalar(type));
        else return header; // unknown type: the rest cannot be located
      }
      header.complete = true;
    } catch (error) {
      if (!(error instanceof OutOfData)) throw error;
    }
    return header;
  } catch (error) {
    if (error instanceof OutOfData) return null;
    throw error;
  }
}

function skipArray(r: Reader): void {
  const type = r.u32();
  const count = r.u64();
  if (type === STRING) {
    for (let i = 0n; i < count; i++) r.skip(r.u64());
  } else if (type === ARRAY) {
    for (let i = 0n; i < count; i++) skipArray(r);
  } else {
    r.skip(BigInt(SCALAR_SIZES[type] ?? Number.NaN) * count);
  }
}

/** The facts an imported model is described by. */
export interface GgufFacts {
  name: string | null;
  architecture: string | null;
  contextLength: number | null;
  hasChatTemplate: boolean;
}

export function factsOf(header: GgufHeader): GgufFacts {
  const text = (key: string) => {
    const v = header.metadata.get(key);
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const architecture = text('general.architecture');
  const ctx = architecture ? header.metadata.get(`${architecture}.context_length`) : undefined;
  const contextLength = typeof ctx === 'number' || typeof ctx === 'bigint' ? Number(ctx) : null;
  return { name: text('general.name'), architecture, contextLength: contextLength && contextLength > 0 ? contextLength : null, hasChatTemplate: text('tokenizer.chat_template') !== null };
}
