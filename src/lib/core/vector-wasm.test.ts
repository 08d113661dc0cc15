/**
 * The WebAssembly-backed vector index against plain references: a float64 full sort for f32, the
 * JavaScript int8 and f16 storages for int8 and f16 (the f16 kernel itself: vector-wasm-f16.test.ts),
 * and the JavaScript fallback when SIMD is missing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fill, maxAbsDiff, randomVectors } from './fixtures/vectors';
import { normalize, VectorIndex, type Quantization } from './vector';
import { createStorage } from './vector-storage';


/** Top k by a float64 dot product of the normalized vectors, over the ids still present. */
function naive(vectors: Map<string, Float32Array>, query: Float32Array, k: number): Array<{ id: string; score: number }> {
  const q = normalize(query);
  return [...vectors]
    .map(([id, v]) => {
      const u = normalize(v);
      let dot = 0;
      for (let j = 0; j < u.length; j++) dot += u[j]! * q[j]!;
      return { id, score: dot };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

function expectSameTopK(index: VectorIndex, vectors: Map<string, Float32Array>, queries: Float32Array[], k: number): void {
  for (const q of queries) {
    const got = index.search(q, k);
    const want = naive(vectors, q, k);
    expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
    got.forEach((h, i) => expect(Math.abs(h.score - want[i]!.score)).toBeLessThan(1e-5));
  }
}

describe('VectorIndex on the WebAssembly kernel', () => {
  it('uses the Wasm storage here', () => {
    expect(createStorage('f32', 8, 4).constructor.name).toBe('WasmF32Storage');
    expect(createStorage('int8', 8, 4).constructor.name).toBe('WasmInt8Storage');
    expect(createStorage('f16', 8, 4).constructor.name).toBe('WasmF16Storage');
    expect(createStorage('f16', 8, 4, 'js').constructor.name).toBe('F16Storage');
  });

  it.each([384, 100, 7, 1])('f32 top-k equals the naive reference at dim %i (ids, and scores within 1e-5)', (dim) => {
    // initialCapacity 1: the memory grows many times while filling.
    const index = new VectorIndex(dim, { initialCapacity: 1 });
    const vectors = fill(index, randomVectors(dim === 1 ? 50 : 1500, dim, dim));
    expectSameTopK(index, vectors, randomVectors(10, dim, dim + 1), dim === 1 ? 50 : 10);
  });

  it('int8 scores match the JavaScript int8 storage (query quantization error < 1e-4)', () => {
    const dim = 200;
    const data = randomVectors(500, dim, 5);
    const wasm = createStorage('int8', dim, 16);
    const js = createStorage('int8', dim, 16, 'js');
    wasm.grow(500);
    js.grow(500);
    data.forEach((v, s) => {
      wasm.write(s, normalize(v));
      js.write(s, normalize(v));
    });
    for (const q of randomVectors(5, dim, 6)) {
      const a = wasm.scoreAll(normalize(q), 500).slice();
      expect(maxAbsDiff(a, js.scoreAll(normalize(q), 500), 500)).toBeLessThan(1e-4);
    }
    expect(wasm.dump(500)).toEqual(js.dump(500));
  });

  it('int8 does not overflow at a large dimension', () => {
    const dim = 2000;
    const index = new VectorIndex(dim, { quantization: 'int8' });
    const ones = new Float32Array(dim).fill(1);
    index.add('same', ones);
    index.add('opposite', ones.map((x) => -x));
    const hits = index.search(ones, 2);
    expect(hits[0]!.id).toBe('same');
    expect(hits[0]!.score).toBeCloseTo(1, 4);
    expect(hits[1]!.score).toBeCloseTo(-1, 4);
  });

  it.each(['f32', 'int8', 'f16'] as const)('%s stays correct through removes (swap with last) and re-adds', (quantization: Quantization) => {
    const dim = 48;
    const data = randomVectors(300, dim, 9);
    const index = new VectorIndex(dim, { quantization, initialCapacity: 8 });
    const vectors = fill(index, data);
    for (const id of ['v0', 'v299', 'v150', 'v298', 'v1']) {
      expect(index.remove(id)).toBe(true);
      vectors.delete(id);
    }
    const [fresh150, fresh5] = randomVectors(2, dim, 11);
    index.add('v150', fresh150!); // a removed id comes back with a new vector
    vectors.set('v150', fresh150!);
    index.add('v5', fresh5!); // replaced in place
    vectors.set('v5', fresh5!);
    expect(index.size).toBe(vectors.size);
    if (quantization === 'f32') expectSameTopK(index, vectors, randomVectors(10, dim, 10), 10);
    for (const [id, v] of vectors) {
      const got = index.get(id)!;
      const tolerance = { f32: 1e-7, f16: 2.5e-4, int8: 0.01 }[quantization];
      normalize(v).forEach((x, i) => expect(Math.abs(got[i]! - x)).toBeLessThan(tolerance));
    }
    // Every vector is still its own nearest neighbour (also quantized).
    for (const id of ['v2', 'v150', 'v297', 'v5']) expect(index.search(vectors.get(id)!, 1)[0]!.id).toBe(id);
  });

  it.each(['f32', 'int8', 'f16'] as const)('%s snapshots are interchangeable between the Wasm and JavaScript storages', (kind) => {
    const dim = 37; // not a multiple of the kernel's step: exercises the padding
    const data = randomVectors(60, dim, 12).map(normalize);
    const wasm = createStorage(kind, dim, 60);
    data.forEach((v, s) => wasm.write(s, v));
    const snap = wasm.dump(60);
    const js = createStorage(kind, dim, 1, 'js');
    js.load(snap.data, snap.scales);
    const back = createStorage(kind, dim, 1);
    back.load(js.dump(60).data, js.dump(60).scales);
    expect(back.dump(60)).toEqual(snap);
    const q = data[3]!;
    const a = back.scoreAll(q, 60).slice();
    expect(maxAbsDiff(a, js.scoreAll(q, 60), 60)).toBeLessThan(1e-4);
  });
});

describe('VectorIndex without WebAssembly SIMD', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each([
    ['an engine without SIMD', { ...WebAssembly, validate: () => false }],
    ['no WebAssembly at all', undefined],
  ])('falls back to JavaScript with %s and gives the same results', async (_label, stub) => {
    vi.stubGlobal('WebAssembly', stub);
    vi.resetModules();
    const fresh = await import('./vector');
    const storage = await import('./vector-storage');
    expect(storage.createStorage('f32', 8, 4).constructor.name).toBe('F32Storage');
    expect(storage.createStorage('int8', 8, 4).constructor.name).toBe('Int8Storage');
    expect(storage.createStorage('f16', 8, 4).constructor.name).toBe('F16Storage');
    const dim = 64;
    const index = new fresh.VectorIndex(dim, { initialCapacity: 2 });
    const vectors = new Map<string, Float32Array>();
    randomVectors(400, dim, 21).forEach((v, i) => {
      index.add(`v${i}`, v);
      vectors.set(`v${i}`, v);
    });
    index.remove('v3');
    vectors.delete('v3');
    expectSameTopK(index as unknown as VectorIndex, vectors, randomVectors(5, dim, 22), 10);
  });
});
