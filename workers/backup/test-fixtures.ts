/** A small library (two documents, one with its original; two conversations citing them) for the backup tests. */
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { DEFAULT_SETTINGS, type Settings } from '../../src/lib/config/settings';
import { chunkTerms } from '../../src/lib/core/chunk-terms';
import { encodeHalves } from '../../src/lib/core/float16';
import type { ChunkRecord, ConversationRecord, DocumentRecord } from '../../src/lib/storage/schema';
import { ENTRY } from '../pack/format';
import type { MemoryLibrary } from './memory-library';
import type { BackupModels } from './format';

export { DIMS, fakeEmbedder, MODEL } from '../pack/test-fixtures';
import { MODEL } from '../pack/test-fixtures';

export const MODELS: BackupModels = { embedder: 'tiny', llm: 'stories-260k', reranker: null };
export const SETTINGS: Settings = { ...DEFAULT_SETTINGS, topK: 6, catalogUrl: 'https://kim:hunter2@models.example.org/catalog.json?token=abc#x' };
export const ORIGINAL = new Uint8Array([37, 80, 68, 70, 45, 49]);

function doc(id: string, name: string, texts: string[], addedAt: number, hasOriginal: boolean): { doc: DocumentRecord; chunks: ChunkRecord[] } {
  const record: DocumentRecord = {
    id, name, mimeType: 'application/pdf', sizeBytes: 100, textLength: texts.join(' ').length, chunkCount: texts.length, embedderId: MODEL.id,
    addedAt, format: 'pdf', contentHash: createHash('sha256').update(name).digest('hex'), pageCount: texts.length, warnings: [], hasOriginal, storedBytes: 1,
  };
  const chunks: ChunkRecord[] = texts.map((text, i) => ({
    id: `${id}:${i}`, docId: id, index: i, text, start: i * 30, end: i * 30 + text.length, page: i + 1, pageEnd: i + 1, headingPath: ['Manual'],
    terms: chunkTerms(name, ['Manual'], text), vector: encodeHalves([1, i, 0, 0].map((x) => x / Math.hypot(1, i))),
  }));
  return { doc: record, chunks };
}

function conversation(id: string, question: string, updatedAt: number, cites: ChunkRecord, docName: string): ConversationRecord {
  return {
    id, title: question, updatedAt,
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant', content: 'It says so [1].', kind: 'answer', status: 'done',
        sources: [{ n: 1, chunkId: cites.id, docId: cites.docId, docName, text: cites.text, start: cites.start, end: cites.end, page: 1, pageEnd: 1, headingPath: ['Manual'] }],
      },
    ],
  };
}

/** Fills a library: pump.pdf (original kept, 2 passages), valve.pdf (1 passage), 2 conversations. */
export async function fillLibrary(lib: MemoryLibrary): Promise<void> {
  const pump = doc('doc-pump', 'pump.pdf', ['Prime the pump before use.', 'Check the seals monthly.'], 1000, true);
  const valve = doc('doc-valve', 'valve.pdf', ['Close the valve slowly.'], 2000, false);
  await lib.documents.saveAll([pump, valve]);
  await lib.originals.put('doc-pump', ORIGINAL);
  await lib.store.restore({
    documents: [],
    conversations: [
      conversation('conv-1', 'How do I prime the pump?', 3000, pump.chunks[0] as ChunkRecord, 'pump.pdf'),
      conversation('conv-2', 'How do I close the valve?', 4000, valve.chunks[0] as ChunkRecord, 'valve.pdf'),
    ],
  });
}


/** Changes a backup's entries (and, with `resign`, fixes the manifest's checksum so only the intended fault is left). */
export function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

export function resign(files: Record<string, Uint8Array>, entryName: string | null, change: (manifest: Record<string, unknown> & { entries: Record<string, unknown> }) => void = () => {}): void {
  const manifest = JSON.parse(new TextDecoder().decode(files[ENTRY.manifest])) as Record<string, unknown> & { entries: Record<string, unknown> };
  change(manifest);
  if (entryName) {
    const body = files[entryName] as Uint8Array;
    manifest.entries[entryName] = { bytes: body.byteLength, sha256: createHash('sha256').update(body).digest('hex') };
  }
  files[ENTRY.manifest] = strToU8(JSON.stringify(manifest));
}

export const json = (bytes: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(bytes));
