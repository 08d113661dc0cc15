/**
 * A library built and searched in Node by the app's own code, BM25 side only: each document through
 * workers/retrieval/ingest.ts buildDocument (the format's parser, chunkBlocks sized by the default
 * embedder's real tokenizer, chunkTerms), its chunks in the worker's SearchIndex, questions ranked by
 * rankChunks with no query vector — what the app does before an embedding model is loaded (MMR then
 * keeps the relevance order: chunks without vectors are unlike everything). Vectors are not made:
 * only random-weight twins of the embedder exist here, and their vectors would be noise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BertTokenizer } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import type { SourceRef } from '../../src/lib/storage/schema';
import { buildDocument, sha256Hex, type ChunkSizes, type PassageEmbedder } from '../../workers/retrieval/ingest';
import { rankChunks } from '../../workers/retrieval/rank';
import { SearchIndex } from '../../workers/retrieval/search-index';
import type { SoakDocument } from '../soak/corpus';

/**
 * The embedder's chunk sizing without its weights: the model's real tokenizer, counted and capped as
 * workers/retrieval/embedder.ts counts (passage prefix included) and caps (catalog context length,
 * tokenizer's model_max_length); no vectors.
 */
export function tokenizerOnlyEmbedder(model: EmbedderModel, tokenizerDir: string): PassageEmbedder {
  const json = (f: string) => JSON.parse(readFileSync(join(tokenizerDir, f), 'utf8')) as object;
  const tokenizer = new BertTokenizer(json('tokenizer.json'), json('tokenizer_config.json'));
  const declared = Number(tokenizer.model_max_length);
  return {
    model: { ...model, dimensions: 0 },
    maxTokens: Math.min(model.contextLength, Number.isFinite(declared) && declared > 0 ? declared : Infinity),
    countTokens: (text) => tokenizer.encode(model.passagePrefix + text).length,
    embed: async (texts) => texts.map(() => new Float32Array(0)),
  };
}

export interface Bm25Library {
  chunks: number;
  meanChunkChars: number;
  /** The top k passages for a question, best first, numbered 1… as the chat numbers them. */
  search(query: string, k: number): Promise<SourceRef[]>;
}

export async function buildBm25Library(documents: readonly SoakDocument[], embedder: PassageEmbedder, sizes: ChunkSizes): Promise<Bm25Library> {
  const index = new SearchIndex(1);
  const texts = new Map<string, string>();
  const names = new Map<string, string>();
  const signal = new AbortController().signal;
  let chars = 0;
  for (const [i, d] of documents.entries()) {
    const bytes = new TextEncoder().encode(d.text);
    const input = { id: `doc${i}`, name: d.name, mimeType: d.mimeType, bytes, contentHash: await sha256Hex(bytes) };
    const { doc, chunks } = await buildDocument(input, embedder, () => {}, signal, sizes);
    names.set(doc.id, doc.name);
    for (const c of chunks) {
      index.add(c);
      texts.set(c.id, c.text);
      chars += c.text.length;
    }
  }
  return {
    chunks: index.size,
    meanChunkChars: chars / Math.max(1, index.size),
    async search(query, k) {
      const hits = await rankChunks({ index, query, queryVector: null, k });
      return hits.flatMap(({ id }, i) => {
        const meta = index.meta(id);
        if (!meta) return [];
        const { docId, start, end, headingPath } = meta;
        return [{ n: i + 1, chunkId: id, docId, docName: names.get(docId) ?? '', text: texts.get(id) ?? '', start, end, headingPath }];
      });
    },
  };
}
