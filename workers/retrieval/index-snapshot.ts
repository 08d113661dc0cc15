/**
 * The search indexes saved as one binary file, so start-up loads them instead of re-reading and
 * re-indexing every stored chunk. Never trusted blindly: a snapshot is used only when its format
 * version, its checksum (over every byte after the prefix) and its fingerprint (which documents,
 * how many chunks, which embedder and analyzer) all match; otherwise the caller rebuilds.
 *
 * Layout: "HSIX" | u32 format | u32 header bytes | u32 checksum | header (JSON, padded to 8) |
 * typed-array sections at the offsets the header lists (8-byte aligned, little-endian).
 */
import { Bm25Index } from '../../src/lib/core/bm25';
import { VectorIndex, type Quantization } from '../../src/lib/core/vector';
import { SearchIndex, type ChunkMeta } from './search-index';

const MAGIC = 0x58495348; // "HSIX" little-endian
/** 2: float16 vectors (format 1 held float32 ones). */
export const SNAPSHOT_FORMAT = 2;
const PREFIX = 16;

type ArrayKind = 'u32' | 'u16' | 'f32' | 'i8';
type Typed = Uint32Array | Uint16Array | Float32Array | Int8Array;
const CTOR = { u32: Uint32Array, u16: Uint16Array, f32: Float32Array, i8: Int8Array } as const;

interface Section {
  name: string;
  kind: ArrayKind;
  offset: number;
  length: number;
}

interface Header {
  fingerprint: string;
  dim: number;
  quantization: Quantization;
  k1: number;
  b: number;
  vocabulary: string[];
  docIds: string[];
  /** Distinct heading paths; chunks point at them by index. */
  headingPaths: string[][];
  sections: Section[];
}

export type SnapshotRejection = 'corrupt' | 'format' | 'stale';

/** 32-bit FNV-1a over 32-bit words (and the tail bytes): fast enough for 150 MB at start-up. */
export function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  const words = Math.floor(bytes.byteLength / 4);
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  for (let i = 0; i < words; i++) h = Math.imul(h ^ (view[i] as number), 0x01000193);
  for (let i = words * 4; i < bytes.byteLength; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

function kindOf(a: Typed): ArrayKind {
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Float32Array) return 'f32';
  return 'i8';
}

const align8 = (n: number) => (n + 7) & ~7;

/** Chunk ids are "<docId>:<index>": stored as a document number and an index. */
function splitId(id: string): [string, number] {
  const colon = id.lastIndexOf(':');
  return [id.slice(0, colon), Number(id.slice(colon + 1))];
}

export function encodeSnapshot(index: SearchIndex, fingerprint: string): Uint8Array {
  const bm25 = index.bm25.export();
  const vectors = index.vectors.export();
  const docNumber = new Map<string, number>();
  const pathNumber = new Map<string, number>();
  const headingPaths: string[][] = [];
  const metas = [...index.entries()];
  const n = metas.length;
  const chunkDoc = new Uint32Array(n);
  const chunkIndex = new Uint32Array(n);
  const place = new Uint32Array(n * 5); // start, end, page (0 = none), pageEnd, heading path
  const slotOf = new Map<string, number>();
  metas.forEach(([id, m], i) => {
    slotOf.set(id, i);
    const [docId, chunkNo] = splitId(id);
    if (`${docId}:${chunkNo}` !== id) throw new Error(`chunk id ${id} is not <document>:<index>`);
    let d = docNumber.get(docId);
    if (d === undefined) docNumber.set(docId, (d = docNumber.size));
    const key = JSON.stringify(m.headingPath);
    let p = pathNumber.get(key);
    if (p === undefined) pathNumber.set(key, (p = headingPaths.push(m.headingPath) - 1));
    chunkDoc[i] = d;
    chunkIndex[i] = chunkNo;
    place.set([m.start, m.end, m.page ?? 0, m.pageEnd ?? m.page ?? 0, p], i * 5);
  });
  const toSlots = (ids: string[]) => Uint32Array.from(ids, (id) => slotOf.get(id) ?? 0xffffffff);
  const arrays: [string, Typed][] = [
    ['chunkDoc', chunkDoc],
    ['chunkIndex', chunkIndex],
    ['place', place],
    ['bm25Ids', toSlots(bm25.ids)],
    ['docOffsets', Uint32Array.from(bm25.docOffsets)],
    ['docTerms', Uint32Array.from(bm25.docTerms)],
    ['docFreqs', Uint16Array.from(bm25.docFreqs)],
    ['docLengths', Uint32Array.from(bm25.docLengths)],
    ['vectorIds', toSlots(vectors.ids)],
    ['vectors', vectors.data],
    ...(vectors.scales ? ([['scales', vectors.scales]] as [string, Typed][]) : []),
  ];
  const sections: Section[] = [];
  let at = 0;
  for (const [name, a] of arrays) {
    sections.push({ name, kind: kindOf(a), offset: at, length: a.length });
    at = align8(at + a.byteLength);
  }
  const header: Header = {
    fingerprint,
    dim: vectors.dim,
    quantization: vectors.quantization,
    k1: bm25.k1,
    b: bm25.b,
    vocabulary: bm25.vocabulary,
    docIds: [...docNumber.keys()],
    headingPaths,
    sections,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = PREFIX + align8(headerBytes.byteLength);
  const out = new Uint8Array(bodyStart + at);
  out.set(headerBytes, PREFIX);
  arrays.forEach(([, a], i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), bodyStart + (sections[i] as Section).offset));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SNAPSHOT_FORMAT, true);
  view.setUint32(8, headerBytes.byteLength, true);
  view.setUint32(12, checksum(out.subarray(PREFIX)), true);
  return out;
}

/** The index in `bytes`, or why it cannot be trusted. */
export function decodeSnapshot(bytes: Uint8Array, fingerprint: string): SearchIndex | SnapshotRejection {
  if (bytes.byteLength < PREFIX) return 'corrupt';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return 'corrupt';
  if (view.getUint32(4, true) !== SNAPSHOT_FORMAT) return 'format';
  const headerLength = view.getUint32(8, true);
  if (PREFIX + headerLength > bytes.byteLength || view.getUint32(12, true) !== checksum(bytes.subarray(PREFIX))) return 'corrupt';
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLength))) as Header;
  } catch {
    return 'corrupt';
  }
  if (header.fingerprint !== fingerprint) return 'stale';
  const bodyStart = bytes.byteOffset + PREFIX + align8(headerLength);
  // Sections are copied out, so the file's buffer is not kept alive by views into it.
  const section = (name: string): Typed => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new Error(`snapshot has no ${name}`);
    const Ctor = CTOR[s.kind];
    return new Ctor(bytes.buffer.slice(bodyStart + s.offset, bodyStart + s.offset + s.length * Ctor.BYTES_PER_ELEMENT) as ArrayBuffer);
  };
  const chunkDoc = section('chunkDoc');
  const chunkIndex = section('chunkIndex');
  const place = section('place');
  const ids: string[] = new Array(chunkDoc.length);
  const meta = new Map<string, ChunkMeta>();
  for (let i = 0; i < chunkDoc.length; i++) {
    const id = `${header.docIds[chunkDoc[i] as number]}:${chunkIndex[i]}`;
    ids[i] = id;
    const page = place[i * 5 + 2] as number;
    meta.set(id, {
      docId: header.docIds[chunkDoc[i] as number] as string,
      start: place[i * 5] as number,
      end: place[i * 5 + 1] as number,
      ...(page > 0 ? { page, pageEnd: place[i * 5 + 3] as number } : {}),
      headingPath: header.headingPaths[place[i * 5 + 4] as number] ?? [],
    });
  }
  const idsOf = (slots: Typed) => Array.from(slots, (s) => ids[s] as string);
  const bm25 = Bm25Index.from({
    version: 1,
    k1: header.k1,
    b: header.b,
    ids: idsOf(section('bm25Ids')),
    vocabulary: header.vocabulary,
    docOffsets: section('docOffsets') as Uint32Array,
    docTerms: section('docTerms') as Uint32Array,
    docFreqs: section('docFreqs') as Uint16Array,
    docLengths: section('docLengths') as Uint32Array,
  });
  const hasScales = header.sections.some((s) => s.name === 'scales');
  const vectors = VectorIndex.from({
    version: 1,
    dim: header.dim,
    quantization: header.quantization,
    ids: idsOf(section('vectorIds')),
    data: section('vectors') as Float32Array | Int8Array | Uint16Array,
    ...(hasScales ? { scales: section('scales') as Float32Array } : {}),
  });
  return new SearchIndex(header.dim, { bm25, vectors, meta });
}
