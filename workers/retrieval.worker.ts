/// <reference lib="webworker" />
/**
 * The retrieval worker: loads the embedder, rebuilds the search indexes from IndexedDB, ingests
 * files (parse, chunk, analyze, embed, store atomically; see retrieval/ingest-queue.ts) and answers
 * searches (hybrid retrieval, then optional cross-encoder reranking and MMR diversity; see
 * retrieval/rank.ts).
 */
import type { RerankerModel } from '../src/lib/catalog/types';
import { appError } from '../src/lib/errors';
import { serve } from '../src/lib/rpc/server';
import { idbDocumentStore } from '../src/lib/storage/documents';
import { Embedder } from './retrieval/embedder';
import { IngestQueue } from './retrieval/ingest-queue';
import { opfsOriginals } from './retrieval/originals';
import { renderPage } from './retrieval/page-render';
import { passageText } from './retrieval/passage-text';
import { CREATED_BY, exportPack, importPack } from './retrieval/packs';
import { handleExportBackup, handleRestoreBackup } from './backup/handlers';
import { idbBackupStore } from '../src/lib/storage/restore';
import { PACK_MIME } from '../src/lib/pack-file';
import { rankChunksWithRelevance } from './retrieval/rank';
import { Reranker } from './retrieval/reranker';
import { IndexStore } from './retrieval/index-store';
import type { SearchIndex } from './retrieval/search-index';
import type { IndexLoadReport, RetrievalProtocol, SearchHit } from './retrieval.protocol';

declare const self: DedicatedWorkerGlobalScope;

interface State {
  embedder: Embedder;
  index: SearchIndex;
  indexStore: IndexStore;
  indexReport: IndexLoadReport;
  docNames: Map<string, string>;
  modelBaseUrl: string;
  rerankerModel: RerankerModel | null;
}

let state: State | null = null;
let loading: Promise<State> | null = null;
let reranker: Promise<Reranker> | null = null;

const documents = idbDocumentStore;

const queue = new IngestQueue({
  documents,
  originals: opfsOriginals,
  embedder: () => ready().embedder,
  onStored(doc, chunks, removedChunkIds, replaced) {
    const { index, docNames, indexStore } = ready();
    for (const id of removedChunkIds) index.remove(id);
    if (replaced) docNames.delete(replaced);
    for (const chunk of chunks) index.add(chunk);
    docNames.set(doc.id, doc.name);
    indexStore.changed(index);
  },
});

function ready(): State {
  if (!state) throw appError('INTERNAL', { detail: 'retrieval worker used before init' });
  return state;
}

/** The reranker, downloaded on the first search that asks for it (a failed load is retried next time). */
function loadReranker({ rerankerModel, modelBaseUrl }: State): Promise<Reranker> {
  if (!rerankerModel) {
    return Promise.reject(appError('MODEL_NOT_IN_CATALOG', { detail: 'search asked to rerank, but init named no reranker' }));
  }
  reranker ??= Reranker.load(rerankerModel, modelBaseUrl).catch((error: unknown) => {
    reranker = null;
    throw error;
  });
  return reranker;
}

serve<RetrievalProtocol>(self, {
  async list() {
    return { documents: await documents.list() };
  },

  passageText: (payload) => passageText(payload, { documents, originals: opfsOriginals }),

  renderPage: (payload, { signal }) => renderPage(payload, { documents, originals: opfsOriginals, signal }),

  async init(payload, { emit }) {
    const started = performance.now();
    loading ??= (async () => {
      const indexStore = new IndexStore(payload.embedder.id, payload.embedder.dimensions, documents);
      const docs = await documents.list();
      const [embedder, { index, report }] = await Promise.all([Embedder.load(payload.embedder, payload.modelBaseUrl, emit), indexStore.load(docs)]);
      const docNames = new Map(docs.map((d) => [d.id, d.name] as const));
      return { embedder, index, indexStore, indexReport: report, docNames, modelBaseUrl: payload.modelBaseUrl, rerankerModel: payload.reranker ?? null };
    })().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    state = await loading;
    return {
      documents: state.docNames.size,
      chunks: state.index.size,
      threads: state.embedder.threads,
      loadMs: performance.now() - started,
      queued: await queue.pending(new Set(state.docNames.keys())),
      index: state.indexReport,
    };
  },

  async ingest(payload, { emit, signal }) {
    ready();
    const staged = 'file' in payload ? await queue.stage(payload.file, payload.replaceDocId, payload.keepBoth) : await queue.restage(payload.queuedId);
    emit({ kind: 'queued', id: staged.record.id });
    return queue.run(staged, payload.password, emit, signal);
  },

  async remove({ docId }) {
    const { index, docNames, indexStore } = ready();
    const removed = await documents.remove(docId);
    for (const id of removed) index.remove(id);
    docNames.delete(docId);
    indexStore.changed(index);
    await opfsOriginals.remove(docId);
    return { removedChunks: removed.length };
  },

  async search({ query, k, docIds, rerank, diversity }, { signal }) {
    const current = ready();
    const { embedder, index, docNames } = current;
    if (index.size === 0) throw appError('NO_DOCUMENTS');
    const t0 = performance.now();
    const [queryVector] = await embedder.embed([query], 'query');
    const t1 = performance.now();
    let rerankMs = 0;
    // Texts live in the document store; the reranker's candidates include the hits, so each is read once.
    const read = new Map<string, string>();
    const readTexts = async (ids: string[]): Promise<string[]> => {
      const missing = ids.filter((id) => !read.has(id));
      (await documents.chunkTexts(missing)).forEach((text, i) => read.set(missing[i] as string, text));
      return ids.map((id) => read.get(id) ?? '');
    };
    const scorePassages = async (q: string, passages: string[]) => {
      const started = performance.now();
      const scores = await (await loadReranker(current)).score(q, passages, signal);
      rerankMs += performance.now() - started;
      return scores;
    };
    const { hits: scored, relevance } = await rankChunksWithRelevance({
      index, query, queryVector: queryVector ?? null, k, docIds, diversity, rerank: rerank ? scorePassages : undefined, textsOf: readTexts,
    });
    const texts = await readTexts(scored.map((s) => s.id));
    const hits: SearchHit[] = [];
    for (const [i, { id, score }] of scored.entries()) {
      const meta = index.meta(id);
      if (!meta) continue;
      hits.push({
        chunkId: id,
        docId: meta.docId,
        docName: docNames.get(meta.docId) ?? '',
        text: texts[i] ?? '',
        start: meta.start,
        end: meta.end,
        ...(meta.page !== undefined ? { page: meta.page, pageEnd: meta.pageEnd ?? meta.page } : {}),
        headingPath: meta.headingPath,
        score,
      });
    }
    const searchMs = performance.now() - t1 - rerankMs;
    return { hits, relevance, timings: { embedMs: t1 - t0, searchMs, ...(rerank ? { rerankMs } : {}) } };
  },

  async exportPack({ docIds, includeOriginals }) {
    const bytes = await exportPack(docIds, includeOriginals, ready().embedder.model, documents, opfsOriginals);
    return { pack: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: PACK_MIME }) };
  },

  async importPack({ file }, { emit, signal }) {
    const { embedder, index, docNames, indexStore } = ready();
    const { stored, ...result } = await importPack(file, { embedder, documents, originals: opfsOriginals, emit, signal });
    for (const { doc, chunks } of stored) {
      for (const chunk of chunks) index.add(chunk);
      docNames.set(doc.id, doc.name);
    }
    if (stored.length > 0) indexStore.changed(index);
    return result;
  },

  exportBackup: (request) => handleExportBackup(request, { embedder: ready().embedder.model, documents, originals: opfsOriginals, store: idbBackupStore, createdBy: CREATED_BY }),

  async restoreBackup(payload, { emit, signal }) {
    const { embedder, index, docNames, indexStore } = ready();
    const { stored, ...result } = await handleRestoreBackup(payload, { embedder, documents, originals: opfsOriginals, store: idbBackupStore, emit, signal });
    for (const { doc, chunks } of stored) {
      for (const chunk of chunks) index.add(chunk);
      docNames.set(doc.id, doc.name);
    }
    if (stored.length > 0) indexStore.changed(index);
    return result;
  },

  async embed({ texts, kind }) {
    return { vectors: await ready().embedder.embed(texts, kind) };
  },
});
