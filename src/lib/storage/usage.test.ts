import { describe, expect, it } from 'vitest';
import { cacheBytes, documentRecordBytes, folderBytes, measureUsage, recordBytes, transformersBytes, type CacheLike, type DirEntryLike, type FileEntryLike, type UsageSources } from './usage';

/** A Cache Storage cache of URL → body, with or without a Content-Length header. */
function cache(entries: Record<string, { bytes: number; declared?: boolean }>): CacheLike {
  return {
    keys: async () => Object.keys(entries).map((url) => ({ url })),
    match: async (url) => {
      const entry = entries[url];
      if (!entry) return undefined;
      const headers: Record<string, string> = entry.declared ? { 'Content-Length': String(entry.bytes) } : {};
      return new Response(new Uint8Array(entry.bytes), { headers });
    },
  };
}

const file = (name: string, size: number): FileEntryLike => ({ kind: 'file', name, getFile: async () => ({ size }) });
function dir(name: string, entries: (FileEntryLike | DirEntryLike)[]): DirEntryLike {
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* entries;
    },
  };
}

async function* each(records: unknown[]): AsyncIterable<unknown> {
  yield* records;
}

describe('recordBytes', () => {
  it('counts text as UTF-8, numbers as 8 bytes and binary as its length', () => {
    expect(recordBytes('abc')).toBe(3);
    expect(recordBytes('é')).toBe(2);
    expect(recordBytes('水')).toBe(3);
    expect(recordBytes('😀')).toBe(4);
    expect(recordBytes(12.5)).toBe(8);
    expect(recordBytes(new Uint16Array(384))).toBe(768);
    expect(recordBytes(new ArrayBuffer(10))).toBe(10);
  });

  it('adds up a record with its field names, and grows with what a conversation holds', () => {
    expect(recordBytes({ id: 'x' })).toBe(2 + 2 + 1 + 1);
    const short = { id: 'c1', title: 'Bees', messages: [{ role: 'user', text: 'Hi' }] };
    const long = { ...short, messages: [...short.messages, { role: 'assistant', text: 'a'.repeat(5000) }] };
    expect(recordBytes(long) - recordBytes(short)).toBeGreaterThan(5000);
  });
});

describe('cacheBytes and folderBytes', () => {
  it('uses Content-Length where a response has one, and the body size where not', async () => {
    const c = cache({ '/a': { bytes: 100, declared: true }, '/b': { bytes: 50 } });
    expect(await cacheBytes(c)).toBe(150);
    expect(await cacheBytes(c, (url) => url === '/b')).toBe(50);
  });

  it('adds the files of every sub-folder', async () => {
    expect(await folderBytes(dir('root', [file('a', 10), dir('sub', [file('b', 5), dir('deeper', [file('c', 1)])])]))).toBe(16);
  });
});

describe('transformersBytes', () => {
  it('counts a folder with a generation_config.json as an answer model, the rest as search models', async () => {
    const c = cache({
      'http://m/llm/resolve/main/generation_config.json': { bytes: 1, declared: true },
      'http://m/llm/resolve/main/onnx/model.onnx': { bytes: 1000, declared: true },
      'http://m/bert/resolve/main/onnx/model.onnx': { bytes: 300, declared: true },
      'http://m/bert/resolve/main/tokenizer.json': { bytes: 20, declared: true },
    });
    expect(await transformersBytes(c)).toEqual({ answer: 1001, search: 320 });
  });
});

describe('documentRecordBytes', () => {
  it('leaves out originals (measured in their folder) and never goes below 0', () => {
    expect(documentRecordBytes([
      { sizeBytes: 100, storedBytes: 400, hasOriginal: true },
      { sizeBytes: 100, storedBytes: 250, hasOriginal: false },
      { sizeBytes: 900, storedBytes: 10, hasOriginal: true },
    ])).toBe(300 + 250);
  });
});

describe('measureUsage', () => {
  const caches = {
    keys: async () => ['webllm/model', 'transformers-cache', 'workbox-precache-v2-http://127.0.0.1/', 'hearth-space-probe'],
    open: async (name: string) =>
      ({
        'webllm/model': cache({ '/w': { bytes: 700, declared: true } }),
        'transformers-cache': cache({ '/bert/onnx/model.onnx': { bytes: 30, declared: true } }),
        'workbox-precache-v2-http://127.0.0.1/': cache({ '/index.html': { bytes: 2, declared: true }, '/app.js': { bytes: 8 } }),
        'hearth-space-probe': cache({ '/p': { bytes: 5, declared: true } }),
      })[name]!,
  };
  const root = dir('', [
    dir('hearth-models', [file('stories260K.gguf', 1000), file('stories260K.json', 50)]),
    dir('cache', [file('old', 7)]),
    dir('originals', [file('doc-1', 100)]),
    dir('index', [file('search.snapshot', 40)]),
    dir('elsewhere', [file('x', 999)]),
  ]);
  const sources = (over: Partial<UsageSources> = {}): UsageSources => ({
    caches,
    root: async () => root,
    documents: async () => [{ sizeBytes: 100, storedBytes: 400, hasOriginal: true }],
    conversations: () => each([{ id: 'a', title: 'T', messages: [] }, { id: 'b', title: 'U', messages: [] }]),
    estimate: async () => ({ usage: 5000, quota: 100_000 }),
    ...over,
  });

  it('measures each part where it is kept, and reads the quota', async () => {
    const usage = await measureUsage(sources());
    expect(usage.bytes).toEqual({ models: 1000 + 50 + 7 + 700, documents: 100 + 40 + 300, conversations: 2 * recordBytes({ id: 'a', title: 'T', messages: [] }), app: 10 });
    expect(usage.searchModelBytes).toBe(30);
    expect(usage.counts).toEqual({ documents: 1, conversations: 2 });
    expect(usage).toMatchObject({ usage: 5000, quota: 100_000 });
  });

  it('says 0 for what is empty, and null where the browser gives no figures', async () => {
    const usage = await measureUsage(sources({ caches: null, root: async () => null, documents: async () => [], conversations: () => each([]), estimate: async () => null }));
    expect(usage.bytes).toEqual({ models: 0, documents: 0, conversations: 0, app: 0 });
    expect(usage.counts).toEqual({ documents: 0, conversations: 0 });
    expect(usage.usage).toBeNull();
    expect(usage.quota).toBeNull();
  });

  it('still measures when the estimate or the folder root fails', async () => {
    const usage = await measureUsage(sources({ root: () => Promise.reject(new Error('no OPFS')), estimate: () => Promise.reject(new Error('no estimate')) }));
    expect(usage.bytes.models).toBe(700);
    expect(usage.quota).toBeNull();
  });
});
