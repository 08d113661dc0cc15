/**
 * Parsing the real PDFs in ../shared/datasets/pdfs with the app's parser registry in Node (the same
 * code the retrieval worker runs): freeculture.pdf (352 pages) parse + chunk without embedding,
 * target ≤ 5 s, beside pdftotext (poppler) on the same file when it is installed; and pages/s over
 * every PDF in the folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkBlocks } from '../../src/lib/core/chunk-blocks';
import { AppError } from '../../src/lib/errors';
import { parseFile } from '../../workers/parsers/registry';
import { figure, type Figure } from '../figure';
import { median } from '../stats';
import { skip, type Suite } from '../suite';

const NAME = 'document-parsing';
const BOOK = 'freeculture.pdf';

async function parseAndChunk(bytes: Uint8Array, name: string): Promise<{ ms: number; pages: number; chunks: number; outcome: string }> {
  const t0 = performance.now();
  try {
    const doc = await parseFile('application/pdf', bytes, { name, signal: new AbortController().signal, onProgress: () => {} });
    const chunks = chunkBlocks(doc.text, doc.blocks).length;
    const warnings = doc.warnings.map((w) => `${w.code}${w.pages ? ` p.${w.pages.length > 3 ? `${w.pages[0]}…${w.pages[w.pages.length - 1]}` : w.pages.join(',')}` : ''}`);
    return { ms: performance.now() - t0, pages: doc.pageCount ?? 0, chunks, outcome: warnings.length ? warnings.join('; ') : 'ok' };
  } catch (error) {
    return { ms: performance.now() - t0, pages: 0, chunks: 0, outcome: error instanceof AppError ? error.code : String(error) };
  }
}

function pdftotextMs(path: string): number | null {
  const t0 = performance.now();
  const r = spawnSync('pdftotext', [path, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  return r.status === 0 ? performance.now() - t0 : null;
}

export const documentParsingSuite: Suite = {
  name: NAME,
  runtime: 'node',
  title: 'PDF parse + chunk (no embedding) of the shared PDFs with the app\'s parsers: freeculture.pdf ≤ 5 s, pages/s over all',
  async run(ctx) {
    const dir = join(ctx.sharedDir, 'datasets', 'pdfs');
    if (!existsSync(join(dir, BOOK))) skip(`${BOOK} not found in ${dir}`);
    const bookPath = join(dir, BOOK);
    const book = new Uint8Array(readFileSync(bookPath));
    const reps = ctx.quick ? 1 : 5;
    await parseAndChunk(book, BOOK); // warm-up: module loading and JIT
    const bookMs: number[] = [];
    const popplerMs: number[] = [];
    let bookRun = { pages: 0, chunks: 0, outcome: '' };
    for (let r = 0; r < reps; r++) {
      const run = await parseAndChunk(book, BOOK);
      bookMs.push(run.ms);
      bookRun = run;
      const p = pdftotextMs(bookPath);
      if (p !== null) popplerMs.push(p);
    }
    ctx.log(`  ${BOOK}: ${bookRun.pages} pages, ${bookRun.chunks} chunks, median ${(median(bookMs) / 1000).toFixed(2)} s`);

    const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
    let pages = 0;
    let ms = 0;
    const rows: string[] = [];
    for (const file of ctx.quick ? files.slice(0, 3) : files) {
      const run = await parseAndChunk(new Uint8Array(readFileSync(join(dir, file))), file);
      pages += run.pages;
      ms += run.ms;
      rows.push(`${file}: ${run.pages} pages, ${run.chunks} chunks, ${Math.round(run.ms)} ms, ${run.outcome}`);
    }

    const figures: Figure[] = [
      figure(NAME, {
        name: `${BOOK} (${bookRun.pages} pages) parse + chunk`,
        unit: 's',
        samples: bookMs.map((m) => m / 1000),
        better: 'lower',
        baseline: { name: 'target', value: 5, kind: 'target' },
      }),
      figure(NAME, {
        name: `pages/s over all ${files.length} PDFs (${pages} pages read)`,
        unit: 'pages/s',
        samples: [(pages * 1000) / ms],
        better: 'higher',
      }),
    ];
    if (popplerMs.length) {
      figures.push(
        figure(NAME, {
          name: `${BOOK} pages/s, Hearth (pdf.js) vs pdftotext (poppler, native)`,
          unit: 'pages/s',
          samples: bookMs.map((m) => (bookRun.pages * 1000) / m),
          better: 'higher',
          baseline: { name: 'pdftotext, same file, same run', value: (bookRun.pages * 1000) / median(popplerMs), kind: 'measured' },
        }),
      );
    }
    return { figures, notes: [`per file (pages counted only where the PDF opened): ${rows.join(' | ')}`, popplerMs.length ? 'pdftotext: Debian poppler-utils' : 'pdftotext not installed: no native reference'] };
  },
};
