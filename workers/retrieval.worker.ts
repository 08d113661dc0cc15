/// <reference lib="webworker" />
/**
 * The retrieval worker: loads the embedder for questions, loads the search indexes (snapshot or
 * rebuilt from IndexedDB), keeps them in step with the documents the library worker stores and
 * deletes (retrieval/index-sync.ts), and answers searches (hybrid retrieval, then optional
 * cross-encoder reranking and MMR diversity; see retrieval/rank.ts). It never writes documents, so a
 * question is answered at once while a file is being added.
 */
import type { RerankerModel } from '../src/lib/catalog/types';
import { appError } from '../src/lib/errors';
import { serve } from '../src/lib/rpc/server';
import { idbDocumentStore } from '../src/lib/storage/documents';
import { Embedder } from './retrieval/embedder';
import { IndexSync } from './retrieval/index-sync';
import { onLibraryChange } from '../src/lib/storage/library-changes';
import { opfsOriginals } from './retrieval/originals';
import { renderPage } from './retrieval/page-render';
import { passageText } from './retrieval/passage-text';
import { CREATED_BY, exportPack } from './retrieval/packs';
import { handleExportBackup } from './backup/handlers';
import { idbBackupStore } from '../src/lib/storage/restore';
import { PACK_MIME } from '../src/lib/pack-file';
import { rankChunksWithRelevance } from './retrieval/rank';
import { Reranker } from './retrieval/reranker';
import { IndexStore } from './retrieval/index-store';
import type { SearchIndex } from './retrieval/search-index';
import type { IndexLoadReport, InitPayload, InitResult, LoadProgress, RetrievalProtocol, SearchHit } from './retrieval.protocol';

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
let sync: IndexSync | null = null;
/** The load whose indexes the sync keeps up to date. */
let syncedWith: Promise<State> | null = null;
let reranker: Promise<Reranker> | null = null;

const documents = idbDocumentStore;
/** How long the embedder a switch replaced stays loaded, for searches that started with it. */
const OLD_EMBEDDER_GRACE_MS = 30_000;

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

/** The embedder for questions (`loaded`, or loaded now) and the indexes of its vectors (from their snapshot, or rebuilt). */
async function load(payload: InitPayload, emit: (p: LoadProgress) => void, loaded?: Embedder): Promise<State> {
  const indexStore = new IndexStore(payload.embedder.id, payload.embedder.dimensions, documents);
  const docs = await documents.list();
  const [embedder, { index, report }] = await Promise.all([loaded ?? Embedder.load(payload.embedder, payload.modelBaseUrl, emit), indexStore.load(docs)]);
  const docNames = new Map(docs.map((d) => [d.id, d.name] as const));
  return { embedder, index, indexStore, indexReport: report, docNames, modelBaseUrl: payload.modelBaseUrl, rerankerModel: payload.reranker ?? null };
}

function initResult(current: State, started: number): InitResult {
  return {
    documents: current.docNames.size,
    chunks: current.index.size,
    threads: current.embedder.threads,
    loadMs: performance.now() - started,
    index: current.indexReport,
  };
}

serve<RetrievalProtocol>(self, {
  async list() {
    return { documents: await documents.list() };
  },

  passageText: (payload) => passageText(payload, { documents, originals: opfsOriginals }),

  renderPage: (payload, { signal }) => renderPage(payload, { documents, originals: opfsOriginals, signal }),

  async init(payload, { emit }) {
    const started = performance.now();
    loading ??= load(payload, emit).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    if (!sync) {
      // Listening starts before the indexes finish loading; changes wait for them in the sync's lane.
      const current = new IndexSync(documents, loading);
      sync = current;
      syncedWith = loading;
      onLibraryChange((change) => {
        if (change.kind === 'documents') void current.apply(change).catch(() => undefined);
      });
    } else if (syncedWith !== loading) {
      // An earlier init failed (its model did not load): the sync follows this one's indexes.
      const next = loading;
      syncedWith = next;
      void sync.replace(() => next).catch(() => undefined);
    }
    state = await loading;
    return initResult(state, started);
  },

  async switchEmbedder(payload, { emit }) {
    const started = performance.now();
    const before = ready();
    if (!sync) throw appError('INTERNAL', { detail: 'retrieval worker switched before init' });
    // Documents brought to the embedder it already has (a catch-up) need only their vectors indexed.
    const same = before.embedder.model.id === payload.embedder.id && before.embedder.model.revision === payload.embedder.revision;
    const reranker = before.rerankerModel ? { reranker: before.rerankerModel } : {};
    // The old embedder and indexes answer every search until the new ones are complete.
    const next = await sync.replace(() => load({ ...payload, ...reranker }, emit, same ? before.embedder : undefined));
    state = next;
    loading = Promise.resolve(next);
    before.indexStore.stop();
    // A search that began with the old embedder may still be embedding its question.
    if (!same) setTimeout(() => void before.embedder.dispose().catch(() => undefined), OLD_EMBEDDER_GRACE_MS);
    return initResult(next, started);
  },

  async sync(change) {
    ready();
    if (!sync) throw appError('INTERNAL', { detail: 'retrieval worker synced before init' });
    return { chunks: await sync.apply(change) };
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

  exportBackup: (request) => handleExportBackup(request, { embedder: ready().embedder.model, documents, originals: opfsOriginals, store: idbBackupStore, createdBy: CREATED_BY }),

  async embed({ texts, kind }) {
    return { vectors: await ready().embedder.embed(texts, kind) };
  },
});
