/**
 * Opens a zip archive (a .docx) without trusting it. The central directory (ZIP64 included) is read
 * first and its declared sizes are checked against limits before a single byte is inflated; then
 * the wanted entries are inflated here, in small input steps, each capped at its declared size, so
 * an entry whose header lies ("1 KB", then gigabytes of zeros) is stopped within one step. Callers
 * hand later code only what was inflated and verified (sizes and CRC-32) here.
 */
import { Inflate } from 'fflate';
import { AppError, appError } from '../../src/lib/errors';

const MB = 1024 * 1024;

export interface ZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Sum of all entries' declared uncompressed sizes. */
  maxTotalBytes: number;
  /** One entry's declared uncompressed size. */
  maxEntryBytes: number;
  /** Uncompressed : compressed, for entries (and the whole) larger than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 256 * MB,
  maxEntryBytes: 128 * MB,
  maxRatio: 200,
  ratioMinBytes: 1 * MB,
};

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface GuardedZip {
  entries: ZipEntry[];
  /** Inflated, verified contents of the entries `include` asked for (directories excluded). */
  files: Map<string, Uint8Array>;
}

export interface OpenZipOptions {
  /** The file's name, for messages. */
  name: string;
  limits?: Partial<ZipLimits>;
  /** Which entries to inflate; the default is all of them. */
  include?: (entryName: string) => boolean;
  signal?: AbortSignal;
}

/** Compressed input fed to the inflater per step: at most ~1032× this comes out of one step. */
const STEP = 16 * 1024;

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

function damaged(name: string, why: string) {
  return appError('FILE_DAMAGED', {
    message: `“${name}” is damaged or is not a complete ${why}, so Hearth cannot read it. Open it in Word, save a fresh copy and add that.`,
    detail: name,
  });
}

function tooLarge(name: string, why: string) {
  return appError('ARCHIVE_TOO_LARGE', {
    message: `“${name}” ${why}, far more than a document holds, so Hearth refused to open it. If it is a real document, open it in Word and save a fresh copy.`,
    detail: name,
  });
}

const size = (n: number) => (n >= 1024 * MB ? `${(n / (1024 * MB)).toFixed(1)} GB` : `${Math.ceil(n / MB)} MB`);

/** The end-of-central-directory record (ZIP64 when present): where the directory is and how many entries it has. */
function findDirectory(bytes: Uint8Array, name: string): { offset: number; size: number; count: number } {
  const last = bytes.length - 22;
  let eocd = -1;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === 0x06054b50 && i + 22 + u16(bytes, i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(name, 'zip archive (its table of contents is missing)');
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw damaged(name, 'file (it is one part of a split archive)');
  let count = u16(bytes, eocd + 10);
  let dirSize = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  const loc = eocd - 20;
  if (loc >= 0 && u32(bytes, loc) === 0x07064b50) {
    const z = u64(bytes, loc + 8);
    if (z + 56 > loc || u32(bytes, z) !== 0x06064b50) throw damaged(name, 'zip archive (its ZIP64 directory is missing)');
    count = u64(bytes, z + 32);
    dirSize = u64(bytes, z + 40);
    offset = u64(bytes, z + 48);
  } else if (count === 0xffff || dirSize === 0xffffffff || offset === 0xffffffff) {
    throw damaged(name, 'zip archive (its ZIP64 directory is missing)');
  }
  if (offset + dirSize > eocd) throw damaged(name, 'zip archive (its table of contents points outside the file)');
  return { offset, size: dirSize, count };
}

/** Read the central directory: every entry's name, method and declared sizes. Nothing is inflated. */
export function readCentralDirectory(bytes: Uint8Array, name: string, maxEntries = DEFAULT_ZIP_LIMITS.maxEntries): ZipEntry[] {
  const dir = findDirectory(bytes, name);
  if (dir.count > maxEntries) throw tooLarge(name, `holds ${dir.count} files inside (a Word document holds a few dozen)`);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  const end = dir.offset + dir.size;
  let p = dir.offset;
  for (let n = 0; n < dir.count; n++) {
    if (p + 46 > end || u32(bytes, p) !== 0x02014b50) throw damaged(name, 'zip archive (its table of contents is cut short)');
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const next = p + 46 + nameLen + extraLen + u16(bytes, p + 32);
    if (next > end) throw damaged(name, 'zip archive (its table of contents is cut short)');
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      uncompressedSize: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
    };
    // ZIP64 extra field: 8-byte values for exactly those fields that are 0xFFFFFFFF, in this order.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + u16(bytes, x + 2)) {
      if (u16(bytes, x) !== 0x0001) continue;
      let q = x + 4;
      if (entry.uncompressedSize === 0xffffffff) (entry.uncompressedSize = u64(bytes, q)), (q += 8);
      if (entry.compressedSize === 0xffffffff) (entry.compressedSize = u64(bytes, q)), (q += 8);
      if (entry.localOffset === 0xffffffff) entry.localOffset = u64(bytes, q);
    }
    entries.push(entry);
    p = next;
  }
  return entries;
}

/** The names of all entries, from the central directory alone (e.g. to find `word/vbaProject.bin`). */
export function listZipEntries(bytes: Uint8Array, name = 'This file'): string[] {
  return readCentralDirectory(bytes, name).map((e) => e.name);
}

/** Refuse an archive whose declared sizes, ratios or entry count are beyond what a document needs. */
export function checkZipLimits(entries: readonly ZipEntry[], name: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries) throw tooLarge(name, `holds ${entries.length} files inside (a Word document holds a few dozen)`);
  let total = 0;
  let packed = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxEntryBytes) throw tooLarge(name, `has a part (${e.name}) that would unpack to ${size(e.uncompressedSize)}`);
    if (e.uncompressedSize > limits.ratioMinBytes && e.uncompressedSize > e.compressedSize * limits.maxRatio) {
      throw tooLarge(name, `has a part (${e.name}) that would unpack to ${size(e.uncompressedSize)} from ${size(e.compressedSize)}`);
    }
    total += e.uncompressedSize;
    packed += e.compressedSize;
  }
  if (total > limits.maxTotalBytes) throw tooLarge(name, `would unpack to ${size(total)}`);
  if (total > limits.ratioMinBytes && total > packed * limits.maxRatio) throw tooLarge(name, `would unpack to ${size(total)} from ${size(packed)}`);
}

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (crcTable[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inflate one entry, never producing more than its declared size (plus one step, which is then refused). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, name: string, signal?: AbortSignal): Uint8Array {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw damaged(name, 'zip archive (a part is missing)');
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw damaged(name, 'file (it is cut short)');
  if (entry.flags & 1) {
    throw appError('FILE_DAMAGED', {
      message: `“${name}” is encrypted, so Hearth cannot read it. Open it in Word, remove the password and save a fresh copy.`,
      detail: name,
    });
  }
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw damaged(name, 'zip archive (a part has the wrong size)');
    out = data;
  } else if (entry.method === 8) {
    out = new Uint8Array(entry.uncompressedSize);
    let filled = 0;
    const inflater = new Inflate((chunk) => {
      if (filled + chunk.length > out.length) throw tooLarge(name, `unpacks to more data than it declares (${entry.name})`);
      out.set(chunk, filled);
      filled += chunk.length;
    });
    try {
      for (let i = 0; i < data.length || i === 0; i += STEP) {
        if (signal?.aborted) throw appError('ABORTED', { detail: name });
        inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw appError('FILE_DAMAGED', { message: damaged(name, 'file').message, detail: `${entry.name}: ${String(err)}`, cause: err });
    }
    if (filled !== out.length) throw damaged(name, 'file (a part is shorter than it declares)');
  } else {
    throw appError('FILE_DAMAGED', {
      message: `“${name}” uses a compression method Hearth cannot read (method ${entry.method}). Open it in Word and save a fresh copy.`,
      detail: `${name}: ${entry.name}`,
    });
  }
  if (crc32(out) !== entry.crc) throw damaged(name, 'file (a part fails its checksum)');
  return out;
}

/** Check the directory and limits, then inflate the included entries under their caps. */
export function openZipGuarded(bytes: Uint8Array, options: OpenZipOptions): GuardedZip {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const entries = readCentralDirectory(bytes, options.name, limits.maxEntries);
  checkZipLimits(entries, options.name, limits);
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (options.signal?.aborted) throw appError('ABORTED', { detail: options.name });
    if (entry.name.endsWith('/') || (options.include && !options.include(entry.name))) continue;
    files.set(entry.name, inflateEntry(bytes, entry, options.name, options.signal));
  }
  return { entries, files };
}
