/**
 * A knowledge pack opened for searching in Node: verified (workers/pack/read.ts), its passages put
 * in the same in-memory SearchIndex the browser uses, queries embedded by the pack's own embedder
 * and ranked by the same rankChunks (hybrid BM25 + vectors, MMR diversity).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Catalog } from '../src/lib/catalog/types';
import { appError } from '../src/lib/errors';
import type { ChunkRecord } from '../src/lib/storage/schema';
import type { Pack } from '../workers/pack/format';
import { sameEmbedder } from '../workers/pack/from-library';
import { readPack } from '../workers/pack/read';
import { libraryFromPack } from '../workers/pack/to-library';
import type { Embedder } from '../workers/retrieval/embedder';
import { rankChunks } from '../workers/retrieval/rank';
import { SearchIndex } from '../workers/retrieval/search-index';
import { CliError } from './cli-error';
import { loadNodeEmbedder } from './node-embedder';

export interface Hit {
  doc: string;
  /** 1-based first page of the passage; null where the format has no pages. */
  page: number | null;
  /** Last page (the passage runs on to it); null where the format has no pages. */
  pageEnd: number | null;
  section: string | null;
  start: number;
  end: number;
  score: number;
  text: string;
}

export interface OpenPack {
  pack: Pack;
  /** The embedder that embeds queries, or null for a BM25-only pack. */
  embedder: Embedder | null;
  search(query: string, k: number): Promise<Hit[]>;
}

/** Reads and verifies a pack file. @throws CliError INPUT_NOT_FOUND, AppError PACK_DAMAGED / PACK_VERSION_UNSUPPORTED. */
export async function loadPackFile(path: string): Promise<Pack> {
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) throw new CliError('INPUT_NOT_FOUND', `The pack “${path}” does not exist or cannot be read.`);
  return readPack(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
}

export async function openPack(path: string, catalog: Catalog, modelBase: string): Promise<OpenPack> {
  const pack = await loadPackFile(path);
  const recorded = pack.manifest.embedder;
  let embedder: Embedder | null = null;
  if (recorded && pack.vectors) {
    const model = catalog.models.find((m) => m.kind === 'embedder' && m.id === recorded.id);
    if (!model || model.kind !== 'embedder' || !sameEmbedder(recorded, model)) {
      throw appError('PACK_EMBEDDER_UNKNOWN', {
        message: `The pack was made with the embedding model “${recorded.id}” (${recorded.repo}, revision ${recorded.revision}), which this catalog does not have in that version, so questions cannot be embedded like its passages. Pass --catalog with a catalog that has it, or make the pack again.`,
        detail: recorded.id,
      });
    }
    embedder = await loadNodeEmbedder(model, modelBase);
  }
  // The pack's vectors are used as they are (same embedder); a BM25-only pack keeps none.
  const { entries } = await libraryFromPack(pack, { embedder, newId: counter() });
  const index = new SearchIndex(recorded?.dimensions ?? 1);
  const chunks = new Map<string, ChunkRecord>();
  const names = new Map<string, string>();
  for (const { doc, chunks: docChunks } of entries) {
    names.set(doc.id, doc.name);
    for (const chunk of docChunks) {
      index.add(chunk);
      chunks.set(chunk.id, chunk);
    }
  }
  const textsOf = async (ids: string[]) => ids.map((id) => chunks.get(id)?.text ?? '');

  return {
    pack,
    embedder,
    async search(query, k) {
      const [queryVector] = embedder ? await embedder.embed([query], 'query') : [];
      const ranked = await rankChunks({ index, query, queryVector: queryVector ?? null, k, textsOf });
      return ranked.flatMap(({ id, score }) => {
        const c = chunks.get(id);
        if (!c) return [];
        return [{
          doc: names.get(c.docId) ?? '',
          page: c.page ?? null,
          pageEnd: c.pageEnd ?? c.page ?? null,
          section: c.headingPath.length > 0 ? c.headingPath.join(' › ') : null,
          start: c.start,
          end: c.end,
          score: Number(score.toFixed(6)),
          text: c.text,
        }];
      });
    },
  };
}

function counter(): () => string {
  let n = 0;
  return () => `d${n++}`;
}
