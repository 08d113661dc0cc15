/**
 * The re-embedding job against a store that keeps the same promises as IndexedDB's (storage/reembed.ts):
 * a plan of what is left, staged vectors apart from the chunks, and an all-or-nothing commit that
 * refuses when a passage lacks its new vector. The IndexedDB store itself is driven end to end in
 * e2e/reembed.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeHalves, encodeHalves } from '../../src/lib/core/float16';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { embedderKey, type ReembedPlan, type ReembedStore } from '../../src/lib/storage/reembed';
import type { ChunkRecord, DocumentRecord, StagedVectorRecord } from '../../src/lib/storage/schema';
import type { ReembedEvent } from '../library.protocol';
import { MODEL } from '../pack/test-fixtures';
import type { PassageEmbedder } from '../retrieval/ingest';
import { reembedLibrary } from './reembed';

const OLD: EmbedderModel = { ...MODEL, id: 'old', dimensions: 4 };
const NEW: EmbedderModel = { ...MODEL, id: 'new', dimensions: 3, passagePrefix: 'passage: ' };

/** An embedder whose vector says which text it embedded: [length, 1, 0] before normalizing. */
function embedderFor(model: EmbedderModel): PassageEmbedder & { texts: string[] } {
  const e = {
    texts: [] as string[],
    model,
    maxTokens: 128,
    countTokens: (t: string) => t.length,
    async embed(texts: string[], _kind: 'passage') {
      e.texts.push(...texts);
      return texts.map((t) => Float32Array.from([t.length, 1, 0]));
    },
  };
  return e;
}

class MemoryStore implements ReembedStore {
  docs = new Map<string, DocumentRecord>();
  chunkRecords = new Map<string, ChunkRecord>();
  staged = new Map<string, StagedVectorRecord>();
  commits = 0;
  /** Runs just before each commit (a document arriving meanwhile). */
  beforeCommit: (() => void) | null = null;

  add(id: string, texts: string[], embedderId = OLD.id): void {
    this.docs.set(id, { id, name: `${id}.txt`, embedderId, chunkCount: texts.length, storedBytes: 1000 } as DocumentRecord);
    texts.forEach((text, index) => {
      this.chunkRecords.set(`${id}:${index}`, { id: `${id}:${index}`, docId: id, index, text, start: 0, end: text.length, terms: [], headingPath: index === 0 ? ['Intro'] : [], vector: encodeHalves(Float32Array.from([1, 0, 0, 0])) });
    });
  }

  async plan(target: EmbedderModel): Promise<ReembedPlan> {
    const key = embedderKey(target);
    const stagedAny = this.staged.size > 0;
    for (const [id, s] of this.staged) if (s.embedder !== key) this.staged.delete(id);
    const work = [...this.docs.values()].filter((d) => d.embedderId !== target.id).map((d) => {
      const ids = [...this.chunkRecords.values()].filter((c) => c.docId === d.id).sort((a, b) => a.index - b.index).map((c) => c.id);
      return { docId: d.id, chunkCount: ids.length, pendingChunkIds: ids.filter((id) => !this.staged.has(id)) };
    });
    const total = work.reduce((n, w) => n + w.chunkCount, 0);
    return { work, total, done: total - work.reduce((n, w) => n + w.pendingChunkIds.length, 0), staged: stagedAny };
  }

  async chunks(ids: readonly string[]): Promise<ChunkRecord[]> {
    return ids.flatMap((id) => this.chunkRecords.get(id) ?? []);
  }

  async stage(records: readonly StagedVectorRecord[]): Promise<void> {
    for (const r of records) this.staged.set(r.chunkId, r);
  }

  async commit(target: EmbedderModel): Promise<{ documents: string[]; passages: number } | 'incomplete'> {
    this.beforeCommit?.();
    this.commits++;
    const key = embedderKey(target);
    const docs = [...this.docs.values()].filter((d) => d.embedderId !== target.id);
    const chunks = [...this.chunkRecords.values()].filter((c) => docs.some((d) => d.id === c.docId));
    if (chunks.some((c) => this.staged.get(c.id)?.embedder !== key)) return 'incomplete';
    for (const c of chunks) c.vector = this.staged.get(c.id)!.vector;
    for (const d of docs) d.embedderId = target.id;
    this.staged.clear();
    return { documents: docs.map((d) => d.id), passages: chunks.length };
  }
}

function run(store: MemoryStore, embedder: PassageEmbedder, signal = new AbortController().signal) {
  const events: ReembedEvent[] = [];
  const locked: boolean[] = [];
  const done = reembedLibrary(embedder, {
    store,
    signal,
    emit: (e) => events.push(e),
    withWriteLock: async (fn) => {
      locked.push(true);
      return fn();
    },
  });
  return { done, events, locked };
}

describe('reembedLibrary', () => {
  it('embeds every passage from its text as ingestion does, then switches all documents at once', async () => {
    const store = new MemoryStore();
    store.add('a', ['first passage', 'second']);
    store.add('b', Array.from({ length: 20 }, (_, i) => `passage number ${i}`));
    const embedder = embedderFor(NEW);
    const { done, events, locked } = run(store, embedder);
    const result = await done;

    expect(result).toEqual({ embedder: 'new', documents: ['a', 'b'], passages: 22 });
    expect(locked).toEqual([true]);
    // Headings first, as ingestion's embeddingText gives them; the model's prefix is the embedder's business.
    expect(embedder.texts).toContain('Intro\nfirst passage');
    expect(embedder.texts).toHaveLength(22);
    for (const c of store.chunkRecords.values()) {
      const v = decodeHalves(c.vector);
      expect(v).toHaveLength(3);
      const text = c.headingPath.length ? `Intro\n${c.text}` : c.text;
      // The stored vector is the one made from this very passage (unit length, float16).
      expect(v[0]! / v[1]!).toBeCloseTo(text.length, 0);
    }
    expect([...store.docs.values()].map((d) => d.embedderId)).toEqual(['new', 'new']);
    expect(store.staged.size).toBe(0);
    // Progress by passage, ending with the switch.
    expect(events[0]).toEqual({ kind: 'progress', stage: 'embedding', done: 0, total: 22 });
    expect(events.filter((e) => e.stage === 'embedding').map((e) => e.done)).toEqual([0, 2, 18, 22]);
    expect(events.at(-1)).toEqual({ kind: 'progress', stage: 'saving', done: 22, total: 22 });
  });

  it('continues an interrupted run: passages staged before are counted as done and not embedded again', async () => {
    const store = new MemoryStore();
    store.add('a', ['one', 'two', 'three']);
    const key = embedderKey(NEW);
    store.staged.set('a:0', { chunkId: 'a:0', docId: 'a', embedder: key, vector: encodeHalves(Float32Array.from([0, 1, 0])) });
    // A vector of a model the person switched away from is dropped, not used.
    store.staged.set('a:1', { chunkId: 'a:1', docId: 'a', embedder: 'other@main/3', vector: encodeHalves(Float32Array.from([0, 0, 1])) });
    const embedder = embedderFor(NEW);
    const { done, events } = run(store, embedder);
    await done;
    expect(embedder.texts).toEqual(['two', 'three']);
    expect(events[0]).toMatchObject({ stage: 'embedding', done: 1, total: 3 });
    expect(Array.from(decodeHalves(store.chunkRecords.get('a:0')!.vector))).toEqual([0, 1, 0]);
  });

  it('catches up a document stored (with the old model) while it ran, before switching', async () => {
    const store = new MemoryStore();
    store.add('a', ['one']);
    store.beforeCommit = () => {
      store.beforeCommit = null;
      store.add('late', ['added meanwhile', 'with the old model']);
    };
    const embedder = embedderFor(NEW);
    const result = await run(store, embedder).done;
    expect(store.commits).toBe(2);
    expect(result.documents.sort()).toEqual(['a', 'late']);
    expect(embedder.texts).toEqual(['Intro\none', 'Intro\nadded meanwhile', 'with the old model']);
    expect([...store.docs.values()].every((d) => d.embedderId === 'new')).toBe(true);
  });

  it('leaves every document on the old model when stopped, keeping what it made for the next run', async () => {
    const store = new MemoryStore();
    store.add('a', Array.from({ length: 40 }, (_, i) => `p${i}`));
    const abort = new AbortController();
    const embedder = embedderFor(NEW);
    const original = embedder.embed.bind(embedder);
    embedder.embed = async (texts, kind) => {
      if (embedder.texts.length >= 16) abort.abort();
      return original(texts, kind);
    };
    await expect(run(store, embedder, abort.signal).done).rejects.toMatchObject({ code: 'ABORTED' });
    expect(store.commits).toBe(0);
    expect(store.docs.get('a')?.embedderId).toBe('old');
    expect(decodeHalves(store.chunkRecords.get('a:0')!.vector)).toHaveLength(4);
    expect(store.staged.size).toBe(32);
  });

  it('gives up with REEMBED_UNFINISHED on a library that changes before every commit', async () => {
    const store = new MemoryStore();
    store.add('a', ['one']);
    let n = 0;
    store.beforeCommit = () => store.add(`late${n++}`, ['again']);
    await expect(run(store, embedderFor(NEW)).done).rejects.toMatchObject({ code: 'REEMBED_UNFINISHED' });
    expect(store.docs.get('a')?.embedderId).toBe('old');
  });
});
