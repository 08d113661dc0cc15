/**
 * Ingestion of a real document (the State of the Union speech) with the app's own modules and the
 * MiniLM twin (q8): chunk + analyze + embed + store in IndexedDB, against the same pipeline without
 * the storage step. Reported as chunks/s and MB/s.
 */
import { readFileSync } from 'node:fs';
import { speechPath } from '../data/text';
import { figure, type Figure } from '../figure';
import type { IngestPageApi } from '../pages/ingest';
import { median } from '../stats';
import { skip, type Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, miniLmRecord, requireMirrorFiles } from './models';

const NAME = 'ingestion';

export const ingestionSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'chunk + analyze + embed (MiniLM twin, q8) + store a 39 KB speech with the app\'s modules; vs no storage',
  async run(ctx) {
    const file = speechPath(ctx.sharedDir) ?? skip('state_of_the_union.txt not found in ../shared/datasets/texts');
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin');
    const full = readFileSync(file, 'utf8');
    const text = ctx.quick ? full.slice(0, 4000) : full;
    const megabytes = Buffer.byteLength(text, 'utf8') / 1e6;
    const model = miniLmRecord(ctx.root);
    const reps = ctx.quick ? 1 : 3;

    const env = await ctx.browser();
    const page = await env.openPage<IngestPageApi>('ingest');
    const withStore: number[] = [];
    const without: number[] = [];
    let chunks = 0;
    let threads = 0;
    try {
      const loaded = await page.call('load', model, `${env.origin}/mirror/`);
      threads = loaded.threads;
      await page.call('ingest', 'warm-up.txt', text.slice(0, 2000), true);
      // Alternate the two pipelines so drift in machine load hits both alike.
      for (let r = 0; r < reps; r++) {
        const a = await page.call('ingest', `sotu-${r}.txt`, text, true);
        const b = await page.call('ingest', `sotu-${r}.txt`, text, false);
        withStore.push(a.ms);
        without.push(b.ms);
        chunks = a.chunks;
      }
    } finally {
      await page.close();
    }
    ctx.log(`  ${chunks} chunks: ${(median(withStore) / 1000).toFixed(2)} s with storage, ${(median(without) / 1000).toFixed(2)} s without`);

    const figures: Figure[] = [];
    const rate = (ms: number[], units: number) => ms.map((m) => (units * 1000) / m);
    figures.push(
      figure(NAME, {
        name: 'chunks/s, chunk + analyze + embed + store',
        unit: 'chunks/s',
        samples: rate(withStore, chunks),
        better: 'higher',
        baseline: { name: 'without storage', value: median(rate(without, chunks)), kind: 'measured' },
      }),
      figure(NAME, {
        name: 'MB/s, chunk + analyze + embed + store',
        unit: 'MB/s',
        samples: rate(withStore, megabytes),
        better: 'higher',
        baseline: { name: 'without storage', value: median(rate(without, megabytes)), kind: 'measured' },
      }),
      figure(NAME, { name: 'seconds per document, chunk + analyze + embed + store', unit: 's', samples: withStore.map((m) => m / 1000), better: 'lower', baseline: { name: 'without storage', value: median(without) / 1000, kind: 'measured' } }),
    );
    return {
      figures,
      notes: [`document: state_of_the_union.txt, ${(megabytes * 1000).toFixed(1)} KB, ${chunks} chunks; embedder ${model.id} twin (${model.dtype}), ${threads} thread(s); workers/retrieval/ingest.ts buildDocument + src/lib/storage/documents.ts saveDocument`],
    };
  },
};
