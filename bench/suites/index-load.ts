/**
 * From start-up to the first search answered, with 10k and 100k chunks stored: the search indexes
 * loaded from their snapshot vs rebuilt from every stored chunk (what every start did before
 * snapshots), alternated in the same run. Target: ≤ 1.5 s at 100k from the snapshot.
 */
import { figure, type Figure } from '../figure';
import type { IndexLoadPageApi } from '../pages/index-load';
import { median } from '../stats';
import type { Suite } from '../suite';

const NAME = 'index-load';

export const indexLoadSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'start → first search answered at 10k / 100k stored chunks: index snapshot vs rebuild from every chunk (IndexedDB, OPFS)',
  async run(ctx) {
    const sizes = ctx.quick ? [2_000] : [10_000, 100_000];
    const repsFor = (size: number) => (ctx.quick ? 1 : size >= 100_000 ? 2 : 3);
    const env = await ctx.browser();
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const size of sizes) {
      const page = await env.openPage<IndexLoadPageApi>('index-load');
      try {
        await page.call('clear');
        const filled = await page.call('populate', size);
        ctx.log(`  ${size} chunks stored in ${(filled.ms / 1000).toFixed(1)} s`);
        const first = await page.call('start'); // no snapshot yet: rebuilds and writes one
        if (first.source !== 'rebuilt') throw new Error(`expected a rebuild on the first start, got ${first.source}`);
        const fromSnapshot: number[] = [];
        const rebuilt: number[] = [];
        for (let r = 0; r < repsFor(size); r++) {
          const snap = await page.call('start');
          if (snap.source !== 'snapshot' || snap.chunks !== size) throw new Error(`snapshot start loaded ${snap.source} with ${snap.chunks} chunks`);
          fromSnapshot.push(snap.ms);
          await page.call('clear').then(() => page.call('populate', size)); // same library, no snapshot
          const re = await page.call('start');
          if (re.source !== 'rebuilt') throw new Error(`expected a rebuild, got ${re.source}`);
          rebuilt.push(re.ms);
        }
        ctx.log(`  ${size}: snapshot ${median(fromSnapshot).toFixed(0)} ms, rebuild ${median(rebuilt).toFixed(0)} ms`);
        figures.push(
          figure(NAME, {
            name: `start → first search, ${size.toLocaleString('en')} chunks, from the snapshot`,
            unit: 'ms',
            samples: fromSnapshot,
            better: 'lower',
            baseline: size === 100_000 ? { name: 'target', value: 1500, kind: 'target' } : { name: 'rebuild from every chunk, same run', value: median(rebuilt), kind: 'measured' },
          }),
          figure(NAME, {
            name: `start → first search, ${size.toLocaleString('en')} chunks, rebuilt from every chunk`,
            unit: 'ms',
            samples: rebuilt,
            better: 'lower',
            baseline: { name: 'from the snapshot, same run', value: median(fromSnapshot), kind: 'measured' },
          }),
        );
      } finally {
        await page.close();
      }
    }
    notes.push('synthetic library: documents of 100 chunks, 384-d f32 vectors, 60 terms per chunk; the embedder loads in parallel in the app and is not timed here; each rebuild start follows a fresh write of the same library, so no snapshot exists');
    return { figures, notes };
  },
};
