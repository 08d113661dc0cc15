/**
 * Embedding the whole library again with another model, run in the library worker (where every
 * write happens). Each passage is embedded from its stored text, exactly as ingestion embeds it
 * (headings first, the model's passage prefix), and its new vector is staged beside the old one
 * (storage/reembed.ts); the chunks, their ids and their texts stay as they are, so citations in
 * saved conversations still point at them. When every passage has its new vector, the switch is
 * one transaction under the library's write lock; documents stored meanwhile (embedded with the
 * old model) are caught up first. Search uses the old vectors until that commit, then the new ones:
 * never a mix. Progress counts passages, including the ones an interrupted run already made.
 */
import { encodeHalves } from '../../src/lib/core/float16';
import { normalize } from '../../src/lib/core/normalize';
import { appError } from '../../src/lib/errors';
import { embedderKey, type ReembedStore } from '../../src/lib/storage/reembed';
import type { StagedVectorRecord } from '../../src/lib/storage/schema';
import type { ReembedEvent, ReembedResult } from '../library.protocol';
import { embeddingText, type PassageEmbedder } from '../retrieval/ingest';
import { yieldToEventLoop } from '../yield';

const EMBED_BATCH = 16;
/** Plans made before giving up on a library that keeps changing under the job. */
const MAX_ROUNDS = 8;

export interface ReembedDeps {
  store: ReembedStore;
  /** Runs the commit holding the library's write lock, so no document is stored or deleted during it. */
  withWriteLock: <T>(fn: () => Promise<T>) => Promise<T>;
  emit: (event: ReembedEvent) => void;
  signal: AbortSignal;
}

/** Brings every document to `embedder`'s vectors; resolves once the switch is committed. */
export async function reembedLibrary(embedder: PassageEmbedder, deps: ReembedDeps): Promise<ReembedResult> {
  const key = embedderKey(embedder.model);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const plan = await deps.store.plan(embedder.model);
    let done = plan.done;
    deps.emit({ kind: 'progress', stage: 'embedding', done, total: plan.total });
    for (const { docId, pendingChunkIds } of plan.work) {
      for (let i = 0; i < pendingChunkIds.length; i += EMBED_BATCH) {
        await yieldToEventLoop();
        if (deps.signal.aborted) throw appError('ABORTED');
        const chunks = await deps.store.chunks(pendingChunkIds.slice(i, i + EMBED_BATCH));
        const vectors = await embedder.embed(chunks.map(embeddingText), 'passage');
        const records: StagedVectorRecord[] = chunks.map((c, j) => ({
          chunkId: c.id,
          docId,
          embedder: key,
          vector: encodeHalves(normalize(vectors[j] ?? new Float32Array(embedder.model.dimensions))),
        }));
        await deps.store.stage(records);
        done += Math.min(EMBED_BATCH, pendingChunkIds.length - i);
        deps.emit({ kind: 'progress', stage: 'embedding', done, total: plan.total });
      }
    }
    if (deps.signal.aborted) throw appError('ABORTED');
    deps.emit({ kind: 'progress', stage: 'saving', done, total: plan.total });
    const committed = await deps.withWriteLock(() => deps.store.commit(embedder.model));
    if (committed !== 'incomplete') return { embedder: embedder.model.id, ...committed };
  }
  throw appError('REEMBED_UNFINISHED', { detail: `${MAX_ROUNDS} rounds` });
}
