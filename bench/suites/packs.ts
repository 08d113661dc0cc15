/**
 * Knowledge packs: `hearth pack` (the real command, in its own Node process) over the shared PDFs,
 * BM25-only and with the MiniLM twin, in pages/s; what a pack and its passages weigh; and importing
 * both packs in the browser with the app's own import (verify → embed again if needed → store), in
 * chunks/s. Vectors are float16: the bytes one stored vector takes is read back from IndexedDB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure } from '../figure';
import type { IngestPageApi } from '../pages/ingest';
import { skip, type Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, miniLmRecord, requireMirrorFiles } from './models';

const NAME = 'packs';

interface PackSummary {
  documents: number;
  pages: number;
  chunks: number;
  bytes: number;
  seconds: number;
  failed: { file: string; code: string }[];
}

export const packsSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'hearth pack over the shared PDFs (BM25-only and MiniLM twin): pages/s, bytes per passage; pack import in the browser: chunks/s',
  async run(ctx) {
    const pdfDir = join(ctx.sharedDir, 'datasets', 'pdfs');
    let pdfs: string[];
    try {
      pdfs = readdirSync(pdfDir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => join(pdfDir, f));
    } catch {
      skip(`the shared PDFs are not in ${pdfDir}`);
    }
    if (pdfs.length === 0) skip(`no PDFs in ${pdfDir}`);
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, 'The all-MiniLM-L6-v2 twin');
    const files = ctx.quick ? pdfs.slice(0, 3) : pdfs;
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-packs-'));
    const mirror = join(ctx.root, '.models', 'mirror');

    // Embedding on import runs at tens of passages per second here: that import takes the PDFs
    // other than the 352-page book, so one page call stays within its time limit.
    const smaller = files.filter((f) => !f.endsWith('freeculture.pdf'));
    const pack = (out: string, ...args: string[]): PackSummary => packWith(files, out, ...args);
    const packWith = (inputs: string[], out: string, ...args: string[]): PackSummary => {
      const result = spawnSync(process.execPath, [join(ctx.root, 'bin', 'hearth.js'), 'pack', ...inputs, '--out', out, '--json', '--model-base-url', mirror, ...args], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`hearth pack failed (${result.status}): ${result.stderr.slice(-800)}`);
      return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as PackSummary;
    };
    try {
      const bm25 = pack(join(tmp, 'bm25.hearth'), '--embedder', 'none');
      const bm25Path = join(tmp, 'bm25-smaller.hearth');
      const bm25Smaller = packWith(smaller, bm25Path, '--embedder', 'none');
      const bm25Lean = pack(join(tmp, 'bm25-lean.hearth'), '--embedder', 'none', '--no-originals');
      const denseLean = pack(join(tmp, 'minilm-lean.hearth'), '--embedder', 'all-MiniLM-L6-v2', '--no-originals');
      const densePath = join(tmp, 'minilm.hearth');
      const dense = pack(densePath, '--embedder', 'all-MiniLM-L6-v2');
      ctx.log(`  BM25-only: ${bm25.documents} PDFs, ${bm25.pages} pages, ${bm25.chunks} passages in ${bm25.seconds.toFixed(1)} s; MiniLM twin: ${dense.seconds.toFixed(1)} s`);

      const env = await ctx.browser();
      const page = await env.openPage<IngestPageApi>('ingest');
      let same;
      let foreign;
      try {
        await page.call('load', miniLmRecord(ctx.root), `${env.origin}/mirror/`);
        await page.call('clear');
        same = await page.call('importPack', new Uint8Array(readFileSync(densePath)), 'minilm.hearth');
        await page.call('clear');
        foreign = await page.call('importPack', new Uint8Array(readFileSync(bm25Path)), 'bm25.hearth');
        await page.call('clear');
      } finally {
        await page.close();
      }
      ctx.log(`  import: ${same.chunks} passages with their vectors in ${(same.ms / 1000).toFixed(2)} s; BM25-only pack embedded on import in ${(foreign.ms / 1000).toFixed(1)} s`);

      const perChunk = (bytes: number, chunks: number) => bytes / Math.max(1, chunks);
      return {
        figures: [
          figure(NAME, { name: 'hearth pack, BM25-only: pages/s', unit: 'pages/s', samples: [bm25.pages / bm25.seconds], better: 'higher' }),
          figure(NAME, { name: 'hearth pack, MiniLM twin (q8): pages/s', unit: 'pages/s', samples: [dense.pages / dense.seconds], better: 'higher' }),
          figure(NAME, { name: 'pack bytes per passage, MiniLM, no originals', unit: 'B', samples: [perChunk(denseLean.bytes, denseLean.chunks)], better: 'lower' }),
          figure(NAME, { name: 'pack bytes per passage, BM25-only, no originals', unit: 'B', samples: [perChunk(bm25Lean.bytes, bm25Lean.chunks)], better: 'lower' }),
          figure(NAME, { name: 'import in the browser, same embedder: chunks/s', unit: 'chunks/s', samples: [(same.chunks * 1000) / same.ms], better: 'higher' }),
          figure(NAME, { name: 'import in the browser, BM25-only pack (embedded on import): chunks/s', unit: 'chunks/s', samples: [(foreign.chunks * 1000) / foreign.ms], better: 'higher' }),
          figure(NAME, {
            name: 'stored vector bytes per passage (float16, 384-d)',
            unit: 'B',
            samples: [same.vectorBytes],
            better: 'lower',
            baseline: { name: 'float32 (4 bytes × 384)', value: 384 * 4, kind: 'reference' },
          }),
        ],
        notes: [
          `${files.length} PDFs named; ${bm25.documents} read (${bm25.failed.map((f) => `${f.file.split('/').at(-1)}: ${f.code}`).join(', ') || 'none failed'}), ${bm25.pages} pages. BM25-only: ${bm25.chunks} passages; MiniLM: ${dense.chunks} passages (chunks sized by its tokenizer).`,
          `Pack sizes: BM25-only ${(bm25.bytes / 2 ** 20).toFixed(1)} MB with originals, ${(bm25Lean.bytes / 2 ** 20).toFixed(2)} MB without; MiniLM ${(dense.bytes / 2 ** 20).toFixed(1)} MB with originals, ${(denseLean.bytes / 2 ** 20).toFixed(2)} MB without.`,
          `Each figure is one run of the real command (process start, model load and all); pages/s is pages ÷ the command's own wall time.`,
          `Import: ${same.documents} documents, ${same.chunks} passages with their vectors; the BM25-only pack of the ${bm25Smaller.documents} PDFs other than freeculture.pdf (${bm25Smaller.chunks} passages) re-embedded ${foreign.reembedded} passages. storedBytes of the imported documents (originals included): ${(same.storedBytes / 2 ** 20).toFixed(1)} MB.`,
        ],
      };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
