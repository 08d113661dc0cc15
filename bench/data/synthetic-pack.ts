/**
 * A knowledge pack of `chunks` passages (benchmark text, three sentences each) with random unit
 * float16 vectors recorded as made by `embedder`: imported into the app with that embedder, it
 * becomes a library of that size in seconds (no embedding), for measuring questions at scale.
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { chunkTerms } from '../../src/lib/core/chunk-terms';
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import type { ChunkRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { packContentsOf, type LibraryEntry } from '../../workers/pack/from-library';
import { writePack } from '../../workers/pack/write';
import { uniformStream } from '../../scripts/models/prng';

const PER_DOC = 100;

export async function syntheticPack(chunks: number, sentences: readonly string[], embedder: EmbedderModel, seed = 7): Promise<Uint8Array> {
  const next = uniformStream(seed);
  const entries: LibraryEntry[] = [];
  for (let d = 0; d * PER_DOC < chunks; d++) {
    const id = `bench-${d}`;
    const name = `bench-library-${d}.txt`;
    const records: ChunkRecord[] = [];
    let offset = 0;
    for (let i = 0; i < PER_DOC && d * PER_DOC + i < chunks; i++) {
      const k = (d * PER_DOC + i) * 3;
      const text = [0, 1, 2].map((j) => sentences[(k + j) % sentences.length]).join(' ');
      const vector = encodeHalves(normalize(Float32Array.from({ length: embedder.dimensions }, () => next() - 0.5)));
      records.push({ id: `${id}:${i}`, docId: id, index: i, text, start: offset, end: offset + text.length, terms: chunkTerms(name, [], text), vector, headingPath: [] });
      offset += text.length + 1;
    }
    const doc: DocumentRecord = {
      id, name, mimeType: 'text/plain', sizeBytes: offset, textLength: offset, chunkCount: records.length, embedderId: embedder.id,
      addedAt: d, format: 'text', contentHash: null, warnings: [], hasOriginal: false, storedBytes: 0,
    };
    entries.push({ doc, chunks: records });
  }
  return writePack(packContentsOf(entries, embedder, 'bench'));
}
