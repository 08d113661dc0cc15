import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/errors';
import { makeDocx, rawZip, storedZip, zerosDeflate, zerosDeflateReal } from './fixtures/make-docx';
import { crc32, listZipEntries, openZipGuarded, readCentralDirectory } from './zip-guard';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return (err as AppError).code ?? `not an AppError: ${String(err)}`;
  }
  return undefined;
}

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a throw');
}

describe('zip guard: reading the central directory', () => {
  it('lists the entries of a real .docx, macros included', () => {
    expect(listZipEntries(makeDocx())).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/core.xml']));
    expect(listZipEntries(makeDocx())).not.toContain('word/vbaProject.bin');
    expect(listZipEntries(makeDocx({ macros: true }))).toContain('word/vbaProject.bin');
  });

  it('inflates exactly what fflate inflates, and only the entries asked for', () => {
    const bytes = makeDocx({ title: 'T' });
    const expected = unzipSync(bytes);
    const all = openZipGuarded(bytes, { name: 'a.docx' });
    expect([...all.files.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, data] of all.files) expect(data).toEqual(expected[name]);
    const some = openZipGuarded(bytes, { name: 'a.docx', include: (n) => n.endsWith('.xml') });
    expect(some.files.has('word/document.xml')).toBe(true);
    expect(some.files.has('word/media/image1.png')).toBe(false);
    expect(some.entries.map((e) => e.name)).toContain('word/media/image1.png');
  });

  it('reads ZIP64 records (end of directory, locator, extra fields)', () => {
    const files = { 'a.txt': strToU8('hello'), 'b/c.xml': strToU8('<x>hi</x>') };
    const bytes = storedZip(files, { zip64: true });
    const entries = readCentralDirectory(bytes, 'z.docx');
    expect(entries.map((e) => [e.name, e.uncompressedSize, e.compressedSize])).toEqual([
      ['a.txt', 5, 5],
      ['b/c.xml', 9, 9],
    ]);
    expect(new TextDecoder().decode(openZipGuarded(bytes, { name: 'z.docx' }).files.get('b/c.xml'))).toBe('<x>hi</x>');
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('zip guard: damaged archives', () => {
  it('refuses a truncated archive, garbage and an empty buffer as FILE_DAMAGED', () => {
    const bytes = makeDocx();
    expect(codeOf(() => openZipGuarded(bytes.subarray(0, bytes.length >> 1), { name: 'cut.docx' }))).toBe('FILE_DAMAGED');
    expect(codeOf(() => openZipGuarded(strToU8('just some text, not a zip at all'), { name: 'x.docx' }))).toBe('FILE_DAMAGED');
    expect(codeOf(() => listZipEntries(new Uint8Array(0)))).toBe('FILE_DAMAGED');
    const err = caught(() => openZipGuarded(bytes.subarray(0, 100), { name: 'cut.docx' }));
    expect(err.message).toContain('“cut.docx”');
    expect(err.message).toMatch(/save a fresh copy/);
  });

  it('refuses a wrong checksum, a corrupt deflate stream and a part shorter than declared', () => {
    const data = strToU8('<w:document>hello</w:document>');
    expect(codeOf(() => openZipGuarded(rawZip([{ name: 'x.xml', data, method: 0, crc: 1234 }]), { name: 'crc.docx' }))).toBe('FILE_DAMAGED');
    const junk = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(codeOf(() => openZipGuarded(rawZip([{ name: 'x.xml', data: junk, method: 8, uncompressedSize: 100 }]), { name: 'bad.docx' }))).toBe('FILE_DAMAGED');
    const short = zerosDeflate(500);
    expect(codeOf(() => openZipGuarded(rawZip([{ name: 'x.xml', data: short, method: 8, uncompressedSize: 900, crc: 0 }]), { name: 's.docx' }))).toBe('FILE_DAMAGED');
  });

  it('refuses a central directory that points past the file', () => {
    const bytes = zipSync({ 'a.xml': strToU8('<a/>') });
    const broken = bytes.slice();
    const eocd = broken.length - 22;
    new DataView(broken.buffer).setUint32(eocd + 16, 0x7fffffff, true);
    expect(codeOf(() => listZipEntries(broken))).toBe('FILE_DAMAGED');
  });
});

describe('zip guard: bombs are refused before (or while) inflating, fast', () => {
  it('refuses an entry that declares 3 GB (32-bit sizes) without inflating it', () => {
    const bytes = rawZip([{ name: 'word/document.xml', data: zerosDeflate(10_000), method: 8, uncompressedSize: 3 * GB, compressedSize: 3 * GB / 100 }]);
    const t = performance.now();
    const err = caught(() => openZipGuarded(bytes, { name: 'bomb.docx' }));
    expect(err.code).toBe('ARCHIVE_TOO_LARGE');
    expect(err.message).toContain('“bomb.docx”');
    expect(err.message).toContain('3.0 GB');
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('refuses a ZIP64 entry that declares 5 GB', () => {
    const bytes = rawZip([{ name: 'word/document.xml', data: zerosDeflate(10_000), method: 8, uncompressedSize: 5 * GB, compressedSize: 1 * GB }], { zip64: true });
    expect(readCentralDirectory(bytes, 'b.docx')[0]?.uncompressedSize).toBe(5 * GB);
    expect(codeOf(() => openZipGuarded(bytes, { name: 'b.docx' }))).toBe('ARCHIVE_TOO_LARGE');
  });

  it('refuses when entries under the per-entry limit add up to too much', () => {
    const parts = [1, 2, 3].map((i) => ({ name: `word/p${i}.xml`, data: zerosDeflate(1000), method: 8 as const, uncompressedSize: 100 * MB, compressedSize: 10 * MB }));
    const err = caught(() => openZipGuarded(rawZip(parts), { name: 'sum.docx' }));
    expect(err.code).toBe('ARCHIVE_TOO_LARGE');
    expect(err.message).toContain('would unpack to 300 MB');
    expect(codeOf(() => openZipGuarded(makeDocx(), { name: 'ok.docx', limits: { maxTotalBytes: 1000 } }))).toBe('ARCHIVE_TOO_LARGE');
  });

  it('refuses an honest 1000:1 deflate of 20 MB of zeros by its ratio, before inflating', () => {
    const data = zerosDeflateReal(20 * MB);
    const bytes = rawZip([{ name: 'word/document.xml', data, method: 8, uncompressedSize: 20 * MB, crc: 0 }]);
    const err = caught(() => openZipGuarded(bytes, { name: 'ratio.docx' }));
    expect(err.code).toBe('ARCHIVE_TOO_LARGE');
    expect(err.message).toMatch(/20 MB from 1 MB/);
  });

  it('stops an entry that declares 1 KB and inflates to 1 GB within one step, without the memory', () => {
    const data = zerosDeflate(1 * GB); // ~6.5 MB of real DEFLATE
    const bytes = rawZip([{ name: 'word/document.xml', data, method: 8, uncompressedSize: 1024, crc: 0 }]);
    const before = process.memoryUsage();
    const t = performance.now();
    const err = caught(() => openZipGuarded(bytes, { name: 'liar.docx' }));
    const elapsed = performance.now() - t;
    const after = process.memoryUsage();
    expect(err.code).toBe('ARCHIVE_TOO_LARGE');
    expect(err.message).toContain('unpacks to more data than it declares');
    expect(elapsed).toBeLessThan(2000);
    expect(after.rss - before.rss).toBeLessThan(200 * MB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(100 * MB);
  });

  it('refuses more than 10,000 entries', () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.xml`, data: new Uint8Array(0), method: 0 as const }));
    const err = caught(() => listZipEntries(rawZip(entries), 'many.docx'));
    expect(err.code).toBe('ARCHIVE_TOO_LARGE');
    expect(err.message).toContain('10001 files');
    expect(listZipEntries(rawZip(entries.slice(0, 10_000)))).toHaveLength(10_000);
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(codeOf(() => openZipGuarded(makeDocx(), { name: 'a.docx', signal: controller.signal }))).toBe('ABORTED');
  });
});
