import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ANALYZER_VERSION } from '../../src/lib/core/analyzer';
import { chunkTerms } from '../../src/lib/core/chunk-terms';
import { encodeHalves } from '../../src/lib/core/float16';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { ENTRY, PACK_VERSION } from './format';
import { DIMS, fakeEmbedder, MODEL } from './test-fixtures';
import { packContentsOf, type LibraryEntry } from './from-library';
import { readPack } from './read';
import { libraryFromPack } from './to-library';
import { writePack } from './write';

function entry(id: string, name: string, texts: string[], original?: Uint8Array): LibraryEntry {
  const doc: DocumentRecord = {
    id, name, mimeType: 'application/pdf', sizeBytes: 100, textLength: texts.join(' ').length, chunkCount: texts.length, embedderId: MODEL.id,
    addedAt: 1, format: 'pdf', contentHash: `${'0'.repeat(63)}${id.length}`, title: `${name} title`, pageCount: texts.length, warnings: [],
    hasOriginal: !!original, storedBytes: 1,
  };
  const chunks: ChunkRecord[] = texts.map((text, i) => ({
    id: `${id}:${i}`, docId: id, index: i, text, start: i * 10, end: i * 10 + text.length, page: i + 1, pageEnd: i + 1,
    headingPath: ['Manual', `Part ${i}`], terms: chunkTerms(name, ['Manual', `Part ${i}`], text), vector: encodeHalves([1, i, 0, 0].map((x) => x / Math.hypot(1, i))),
  }));
  return { doc, chunks, ...(original ? { original } : {}) };
}

const LIBRARY = [entry('a', 'pump.pdf', ['Prime the pump before use.', 'Check the seals monthly.'], new Uint8Array([37, 80, 68, 70])), entry('bb', 'valve.pdf', ['Close the valve slowly.'])];


let n = 0;
const newId = () => `new${n++}`;

async function packBytes(): Promise<Uint8Array> {
  return writePack(packContentsOf(LIBRARY, MODEL, 'test'));
}

/** Rewrites one entry of a pack (and optionally its manifest), keeping the rest byte for byte. */
function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

describe('knowledge packs', () => {
  it('round-trips documents, passages, pages, headings, terms, vectors and originals', async () => {
    const pack = await readPack(await packBytes(), 'kb.hearth');
    expect(pack.manifest).toMatchObject({ version: PACK_VERSION, analyzerVersion: ANALYZER_VERSION, counts: { documents: 2, chunks: 3, pages: 3 }, vectors: { encoding: 'f16', dimensions: DIMS } });
    expect(pack.manifest.embedder).toMatchObject({ id: 'tiny', repo: 'test/tiny', revision: 'main', dimensions: DIMS });
    const me = fakeEmbedder('tiny');
    const { entries, skipped, reembedded } = await libraryFromPack(pack, { embedder: me, newId });
    expect(skipped).toEqual([]);
    expect(reembedded).toBe(0);
    expect(me.calls).toBe(0);
    expect(entries.map((e) => e.doc.name)).toEqual(['pump.pdf', 'valve.pdf']);
    const [pump] = entries;
    expect(pump?.doc).toMatchObject({ title: 'pump.pdf title', pageCount: 2, format: 'pdf', hasOriginal: true, chunkCount: 2, embedderId: 'tiny' });
    expect(pump?.doc.id).not.toBe('a');
    expect(pump?.original).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(pump?.chunks.map((c) => ({ id: c.id, text: c.text, page: c.page, headingPath: c.headingPath, terms: c.terms }))).toEqual(
      LIBRARY[0]?.chunks.map((c) => ({ id: `${pump?.doc.id}:${c.index}`, text: c.text, page: c.page, headingPath: c.headingPath, terms: c.terms })),
    );
    expect(pump?.chunks.map((c) => [...c.vector])).toEqual(LIBRARY[0]?.chunks.map((c) => [...c.vector]));
    expect(pump?.doc.storedBytes).toBeGreaterThan(0);
  });

  it('re-embeds every passage from its text when the pack was made with another embedder, never mixing vectors', async () => {
    const pack = await readPack(await packBytes(), 'kb.hearth');
    const other = fakeEmbedder('other-model');
    const progress: number[] = [];
    const { entries, reembedded } = await libraryFromPack(pack, { embedder: other, newId, onEmbedProgress: (done) => progress.push(done) });
    expect(reembedded).toBe(3);
    expect(other.calls).toBe(3);
    expect(progress.at(-1)).toBe(3);
    for (const c of entries.flatMap((e) => e.chunks)) expect([...c.vector]).toEqual([...encodeHalves([0, 0, 1, 0])]);
    expect(entries.every((e) => e.doc.embedderId === 'other-model')).toBe(true);
  });

  it('treats another revision or prefix of the same model id as another embedder', async () => {
    const bytes = await writePack(packContentsOf(LIBRARY, { ...MODEL, revision: 'v2' }, 'test'));
    const { reembedded } = await libraryFromPack(await readPack(bytes, 'kb.hearth'), { embedder: fakeEmbedder('tiny'), newId });
    expect(reembedded).toBe(3);
  });

  it('makes BM25-only packs without vectors, embedded on import', async () => {
    const pack = await readPack(await writePack(packContentsOf(LIBRARY, null, 'test')), 'kb.hearth');
    expect(pack.vectors).toBeNull();
    expect(pack.manifest.embedder).toBeNull();
    expect(Object.keys(pack.manifest.entries)).not.toContain(ENTRY.vectors);
    const { reembedded } = await libraryFromPack(pack, { embedder: fakeEmbedder('tiny'), newId });
    expect(reembedded).toBe(3);
    const bm25Only = await libraryFromPack(pack, { embedder: null, newId });
    expect(bm25Only.entries.flatMap((e) => e.chunks).every((c) => c.vector.length === 0)).toBe(true);
  });

  it('skips documents the library already holds (same content hash)', async () => {
    const pack = await readPack(await packBytes(), 'kb.hearth');
    const hash = LIBRARY[1]?.doc.contentHash ?? '';
    const { entries, skipped } = await libraryFromPack(pack, { embedder: fakeEmbedder('tiny'), newId, existingHashes: new Set([hash]) });
    expect(skipped).toEqual(['valve.pdf']);
    expect(entries.map((e) => e.doc.name)).toEqual(['pump.pdf']);
  });

  it('remakes the terms of a pack made with another analyzer version', async () => {
    const bytes = rezip(await packBytes(), (files) => {
      const chunks = JSON.parse(new TextDecoder().decode(files[ENTRY.chunks])) as { terms: string[] }[];
      for (const c of chunks) c.terms = ['stale'];
      files[ENTRY.chunks] = strToU8(JSON.stringify(chunks));
      resign(files, ENTRY.chunks, { analyzerVersion: ANALYZER_VERSION - 1 });
    });
    const { entries } = await libraryFromPack(await readPack(bytes, 'kb.hearth'), { embedder: null, newId });
    const first = entries[0]?.chunks[0];
    expect(first?.terms).toEqual(chunkTerms('pump.pdf', first?.headingPath ?? [], first?.text ?? ''));
  });

  it('refuses a pack whose entry fails its checksum', async () => {
    const bytes = rezip(await packBytes(), (files) => {
      const body = files[ENTRY.chunks] as Uint8Array;
      body[body.length - 3] = (body[body.length - 3] as number) ^ 1;
    });
    await expect(readPack(bytes, 'kb.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('checksum') });
  });

  it('refuses a pack from a newer format version with its own message', async () => {
    const bytes = rezip(await packBytes(), (files) => resign(files, null, { version: PACK_VERSION + 1 }));
    await expect(readPack(bytes, 'kb.hearth')).rejects.toMatchObject({ code: 'PACK_VERSION_UNSUPPORTED' });
  });

  it('refuses files that are not packs, truncated packs and packs with disagreeing counts', async () => {
    await expect(readPack(strToU8('not a zip at all'), 'notes.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('notes.hearth') });
    await expect(readPack(zipSync({ 'word/document.xml': strToU8('<w/>') }), 'doc.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED' });
    const bytes = await packBytes();
    await expect(readPack(bytes.subarray(0, bytes.length - 40), 'cut.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED' });
    const miscounted = rezip(bytes, (files) => resign(files, null, { counts: { documents: 2, chunks: 4, pages: 3 } }));
    await expect(readPack(miscounted, 'kb.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('counts') });
    const extra = rezip(bytes, (files) => (files['run.js'] = strToU8('alert(1)')));
    await expect(readPack(extra, 'kb.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('run.js') });
  });

  it('refuses vectors that do not match the passages', async () => {
    const bytes = rezip(await packBytes(), (files) => {
      files[ENTRY.vectors] = new Uint8Array(6);
      resign(files, ENTRY.vectors, {});
    });
    await expect(readPack(bytes, 'kb.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('vectors') });
  });
});

/** Updates the manifest (its fields, and one entry's size and checksum) so only the intended fault remains. */
function resign(files: Record<string, Uint8Array>, entryName: string | null, fields: Record<string, unknown>): void {
  const manifest = JSON.parse(new TextDecoder().decode(files[ENTRY.manifest])) as Record<string, unknown> & { entries: Record<string, { bytes: number; sha256: string }> };
  Object.assign(manifest, fields);
  if (entryName) {
    const body = files[entryName] as Uint8Array;
    manifest.entries[entryName] = { bytes: body.byteLength, sha256: sha256Sync(body) };
  }
  files[ENTRY.manifest] = strToU8(JSON.stringify(manifest));
}

function sha256Sync(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
