/**
 * The f16 storage on the WebAssembly kernel: its decode against halfTable() for every finite half,
 * parity with the JavaScript f16 storage, snapshots, and ranking agreement with exact f32.
 */
import { describe, expect, it } from 'vitest';
import { halfTable } from './float16';
import { mulberry32 } from './fixtures/random';
import { fill, maxAbsDiff, randomVectors } from './fixtures/vectors';
import { normalize, VectorIndex, type Quantization } from './vector';
import { createStorage } from './vector-storage';
import { F16_MASK, F16_QUERY_SCALE, f16QueryPosition, instantiateDotKernel } from './wasm/dot-kernel';

/** What dot_f16 makes of one half h in a lane's low 16 bits, times the query scale, in JavaScript. */
function kernelDecode(h: number, neighbour: number): { even: number; odd: number } {
  const f32 = new Float32Array(2);
  const i32 = new Int32Array(f32.buffer);
  const lane = (h & 0xffff) | (neighbour << 16); // h as the even element, `neighbour` odd
  i32[0] = ((lane << 16) >> 3) & F16_MASK;
  i32[1] = (((neighbour & 0xffff) | (h << 16)) >> 3) & F16_MASK; // h as the odd element
  return { even: f32[0]! * F16_QUERY_SCALE, odd: f32[1]! * F16_QUERY_SCALE };
}

const isFiniteHalf = (h: number) => (h & 0x7c00) !== 0x7c00;

/** Unit vectors around `clusters` random unit centres, as the retrieval benchmark draws them. */
function clusteredUnitVectors(n: number, dim: number, clusters: number, seed: number, queries: number): { data: Float32Array[]; queries: Float32Array[] } {
  const rand = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => normalize(Float32Array.from({ length: dim }, gauss)));
  const sigma = 0.8 / Math.sqrt(dim);
  const draw = () => {
    const c = centres[Math.floor(rand() * clusters)]!;
    return Float32Array.from(c, (x) => x + sigma * gauss());
  };
  return { data: Array.from({ length: n }, draw), queries: Array.from({ length: queries }, draw) };
}

describe('f16 on the WebAssembly kernel', () => {
  it('the shift-and-mask decode equals halfTable() for every finite half (JavaScript mirror of the formula)', () => {
    let checked = 0;
    for (let h = 0; h < 65536; h++) {
      if (!isFiniteHalf(h)) continue;
      const want = halfTable()[h]!;
      for (const neighbour of [0, 0xffff, 0x7c00, (h * 40503) & 0xffff]) {
        const { even, odd } = kernelDecode(h, neighbour);
        if (!Object.is(even, want) || !Object.is(odd, want)) throw new Error(`half 0x${h.toString(16)}: ${even} / ${odd}, want ${want}`);
      }
      checked++;
    }
    expect(checked).toBe(65536 - 2048);
  });

  it('dot_f16 decodes every finite half exactly (one-hot queries through the kernel)', () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const kernel = instantiateDotKernel(memory)!;
    const lanes = 32; // halves per vector: one kernel step
    const count = 65536 / lanes;
    const [data, out] = [1024, 1024 + 65536 * 2];
    const u16 = new Uint16Array(memory.buffer);
    const f32 = new Float32Array(memory.buffer);
    // Vector s holds the halves 32s…32s+31, Inf and NaN replaced by zero.
    for (let h = 0; h < 65536; h++) u16[data / 2 + h] = isFiniteHalf(h) ? h : 0;
    let wrong = 0;
    for (let j = 0; j < lanes; j++) {
      f32.fill(0, 0, lanes);
      f32[f16QueryPosition(j)] = F16_QUERY_SCALE;
      kernel.dotF16(0, data, lanes * 2, count, out);
      for (let s = 0; s < count; s++) {
        const h = s * lanes + j;
        // Sums start from +0, so -0 comes out as +0: === rather than Object.is.
        if (isFiniteHalf(h) && f32[out / 4 + s] !== halfTable()[h]) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it.each([384, 100, 37, 7, 1])('scores match the JavaScript f16 storage within 1e-6 at dim %i', (dim) => {
    const n = dim === 1 ? 50 : 700;
    const data = randomVectors(n, dim, 30 + dim).map(normalize);
    const wasm = createStorage('f16', dim, 1);
    const js = createStorage('f16', dim, 1, 'js');
    for (const s of [wasm, js]) {
      // Grown in steps while filled, as VectorIndex does.
      data.forEach((v, slot) => {
        if (slot >= s.capacity) s.grow(s.capacity * 2);
        s.write(slot, v);
      });
    }
    expect(wasm.dump(n)).toEqual(js.dump(n));
    let worst = 0;
    for (const q of [...randomVectors(8, dim, 40 + dim).map(normalize), data[3]!]) {
      const a = wasm.scoreAll(q, n).slice();
      worst = Math.max(worst, maxAbsDiff(a, js.scoreAll(q, n), n));
    }
    expect(worst).toBeLessThan(1e-6);
    for (const slot of [0, n - 1]) expect(wasm.read(slot)).toEqual(js.read(slot));
  });

  it('round-trips a snapshot (dump → load) and keeps scoring after grow and move', () => {
    const dim = 100; // pads to 128 halves
    const n = 300;
    const data = randomVectors(n, dim, 50).map(normalize);
    const a = createStorage('f16', dim, n);
    data.forEach((v, s) => a.write(s, v));
    const snap = a.dump(n);
    expect(snap.data).toBeInstanceOf(Uint16Array);
    expect(snap.data.length).toBe(n * dim);
    const b = createStorage('f16', dim, 1);
    b.load(snap.data);
    expect(b.capacity).toBeGreaterThanOrEqual(n);
    expect(b.dump(n)).toEqual(snap);
    const q = randomVectors(1, dim, 51).map(normalize)[0]!;
    expect([...b.scoreAll(q, n)]).toEqual([...a.scoreAll(q, n)]);

    // Grow (the scores behind the vectors move), then swap-with-last moves; the JS storage follows.
    const js = createStorage('f16', dim, 1, 'js');
    js.load(snap.data);
    for (const s of [b, js]) {
      s.grow(4 * n);
      s.move(n - 1, 10);
      s.move(n - 2, 0);
    }
    const live = n - 2;
    expect(b.dump(live)).toEqual(js.dump(live));
    expect(b.read(10)).toEqual(a.read(n - 1));
    expect(b.read(0)).toEqual(a.read(n - 2));
    const extra = randomVectors(n, dim, 52).map(normalize);
    extra.forEach((v, i) => {
      b.write(live + i, v);
      js.write(live + i, v);
    });
    const total = live + n;
    expect(maxAbsDiff(b.scoreAll(q, total).slice(), js.scoreAll(q, total), total)).toBeLessThan(1e-6);
  });

  it('a zero vector scores 0, and a zero query scores 0 everywhere', () => {
    const dim = 64;
    const index = new VectorIndex(dim, { quantization: 'f16' });
    const data = randomVectors(20, dim, 60);
    index.add('zero', new Float32Array(dim));
    data.forEach((v, i) => index.add(`v${i}`, v));
    const hits = index.search(data[0]!, 21);
    expect(hits[0]!.id).toBe('v0');
    expect(hits[0]!.score).toBeCloseTo(1, 3);
    expect(hits.find((h) => h.id === 'zero')!.score).toBe(0);
    expect(index.get('zero')).toEqual(new Float32Array(dim));
    expect(index.search(new Float32Array(dim), 21).every((h) => h.score === 0)).toBe(true);
  });

  it('ranks like exact f32 search on clustered 384-d data: recall@10 ≥ 0.99 at 20k', () => {
    const dim = 384;
    const { data, queries } = clusteredUnitVectors(20_000, dim, 256, 70, 100);
    const indexes = Object.fromEntries(
      (['f32', 'f16', 'int8'] as const).map((quantization) => {
        const index = new VectorIndex(dim, { quantization, initialCapacity: data.length });
        data.forEach((v, i) => index.add(`v${i}`, v));
        return [quantization, index];
      }),
    ) as Record<Quantization, VectorIndex>;
    const recall = { f16: 0, int8: 0 };
    for (const q of queries) {
      const truth = new Set(indexes.f32.search(q, 10).map((h) => h.id));
      for (const kind of ['f16', 'int8'] as const) recall[kind] += indexes[kind].search(q, 10).filter((h) => truth.has(h.id)).length / (10 * queries.length);
    }
    console.log(`recall@10 vs exact f32 at 20k clustered 384-d: f16 ${recall.f16.toFixed(3)}, int8 ${recall.int8.toFixed(3)}`);
    expect(recall.f16).toBeGreaterThanOrEqual(0.99);
  });
});
