/**
 * What a search-index snapshot must match to be used: the stored documents (ids and chunk counts),
 * the embedder that made their vectors and its dimensions, and the analyzer's version.
 */
import { ANALYZER_VERSION } from '../../src/lib/core/analyzer';
import type { DocumentRecord } from '../../src/lib/storage/schema';
import { sha256Hex } from './ingest';

export async function libraryFingerprint(docs: readonly Pick<DocumentRecord, 'id' | 'chunkCount' | 'embedderId'>[], embedderId: string, dimensions: number): Promise<string> {
  const parts = docs.map((d) => `${d.id}:${d.chunkCount}:${d.embedderId}`).sort();
  const text = `analyzer ${ANALYZER_VERSION}|embedder ${embedderId}|dim ${dimensions}|${parts.length}|${parts.join(',')}`;
  return sha256Hex(new TextEncoder().encode(text));
}
