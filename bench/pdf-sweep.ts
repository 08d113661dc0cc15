/**
 * A sweep of the PDF parser over a folder of real PDFs, for the record (not a unit test):
 *   npx tsx bench/pdf-sweep.ts [dir] [--show N] [--headings]
 * Default dir: ../shared/datasets/pdfs. Per file: pages, time, pages/s, blocks, headings,
 * characters, words (against INDEX.tsv's words_pdftotext when present), warnings or the error
 * code, and a sample of the text; then totals. --show N prints the first N characters of each
 * file's text; --headings lists the headings found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../src/lib/errors';
import { pdfParser } from '../workers/parsers/pdf';
import { readingOrder } from '../workers/parsers/pdf-columns';
import { buildLines, toRuns, type PdfTextItem } from '../workers/parsers/pdf-layout';
import { assessPageText } from '../workers/parsers/pdf-quality';
import { pageRanges } from '../workers/parsers/pdf-warnings';
import { loadPdfjs } from '../workers/parsers/pdfjs-env';

const args = process.argv.slice(2);
const flag = (name: string) => args.indexOf(name);
const show = flag('--show') >= 0 ? Number(args[flag('--show') + 1]) : 0;
const listHeadings = flag('--headings') >= 0;
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--show');
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = resolve(positional[0] ?? join(here, '../../shared/datasets/pdfs'));

if (!existsSync(dir)) {
  console.log(`No PDF folder at ${dir}: nothing to sweep. Pass a folder of PDFs: npx tsx bench/pdf-sweep.ts <dir>`);
  process.exit(0);
}

/** words_pdftotext per file name, from INDEX.tsv when the folder has one. */
function referenceWords(): Map<string, number> {
  const index = join(dir, 'INDEX.tsv');
  const words = new Map<string, number>();
  if (!existsSync(index)) return words;
  const [header, ...rows] = readFileSync(index, 'utf8').trim().split('\n');
  const cols = header!.split('\t');
  const file = cols.indexOf('file');
  const count = cols.indexOf('words_pdftotext');
  if (file < 0 || count < 0) return words;
  for (const row of rows) {
    const cells = row.split('\t');
    words.set(cells[file]!, Number(cells[count]));
  }
  return words;
}

const pad = (v: unknown, n: number) => String(v).padStart(n);

/** What the text layer of a page the parser set aside says (to check by eye that it is noise). */
async function rejectedSample(bytes: Uint8Array, page: number): Promise<string> {
  const { pdfjs, options } = await loadPdfjs();
  const task = pdfjs.getDocument({ ...options, data: bytes.slice() });
  try {
    const content = await (await (await task.promise).getPage(page)).getTextContent();
    const items = content.items.filter((i): i is typeof i & PdfTextItem => 'str' in i);
    const text = readingOrder(buildLines(toRuns(items).get(0) ?? []))
      .flat()
      .map((l) => l.text)
      .join(' ');
    const q = assessPageText(text);
    const shown = JSON.stringify(text.slice(0, 90)).replace(/\\(?:u00[01][0-9a-f]|[bfrt])/gu, '·');
    return `p.${page} ${q.verdict} (non-words ${q.nonWordShare.toFixed(2)}, bad chars ${q.badCharShare.toFixed(2)}, mixed scripts ${q.mixedScriptShare.toFixed(2)}): ${shown}`;
  } catch (error) {
    return `p.${page}: ${String(error)}`;
  } finally {
    await task.destroy();
  }
}
const files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
if (files.length === 0) {
  console.log(`No .pdf files in ${dir}.`);
  process.exit(0);
}
const reference = referenceWords();
const t0 = performance.now();
await loadPdfjs();
console.log(`pdf.js loaded in ${(performance.now() - t0).toFixed(0)} ms; ${files.length} files in ${dir}\n`);
console.log(
  `${'file'.padEnd(22)} ${pad('pages', 5)} ${pad('ms', 6)} ${pad('pg/s', 6)} ${pad('blocks', 6)} ${pad('heads', 5)} ${pad('chars', 7)} ${pad('words', 6)} ${pad('ref', 6)} ${pad('w/ref', 5)}  result`,
);
let totalPages = 0;
let totalMs = 0;
const samples: string[] = [];
const rejected: string[] = [];
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  const start = performance.now();
  const ref = reference.get(file);
  try {
    const doc = await pdfParser.parse(bytes, { name: file, signal: new AbortController().signal, onProgress: () => undefined });
    const ms = performance.now() - start;
    const pages = doc.pageCount ?? 0;
    totalPages += pages;
    totalMs += ms;
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    const words = doc.text.split(/\s+/u).filter(Boolean).length;
    const warnings = doc.warnings.map((w) => `${w.code}${w.pages ? ` p.${pageRanges(w.pages)}` : ''}`).join('; ') || 'ok';
    console.log(
      `${file.padEnd(22)} ${pad(pages, 5)} ${pad(ms.toFixed(0), 6)} ${pad((pages / (ms / 1000)).toFixed(0), 6)} ${pad(doc.blocks.length, 6)} ${pad(headings.length, 5)} ${pad(doc.text.length, 7)} ${pad(words, 6)} ${pad(ref ?? '-', 6)} ${pad(ref ? `${Math.round((100 * words) / ref)}%` : '-', 5)}  ${warnings}${doc.title ? ` — title "${doc.title}"` : ''}`,
    );
    const para = doc.blocks.find((b) => b.kind === 'paragraph' && b.end - b.start >= 40) ?? doc.blocks[0];
    const set = doc.warnings.find((w) => w.code === 'PAGES_WITHOUT_TEXT')?.pages ?? [];
    for (const p of set.slice(0, 2)) rejected.push(`${file} ${await rejectedSample(bytes, p)}`);
    if (para) samples.push(`${file} p.${para.page}: ${doc.text.slice(para.start, para.end).replace(/\s+/gu, ' ').slice(0, 110)}`);
    if (listHeadings) for (const h of headings) console.log(`    ${'  '.repeat((h.level ?? 1) - 1)}H${h.level} p.${h.page}: ${doc.text.slice(h.start, h.end).slice(0, 90)}`);
    if (show > 0) console.log(`---- ${file}\n${doc.text.slice(0, show)}\n----`);
  } catch (error) {
    const ms = performance.now() - start;
    const code = error instanceof AppError ? error.code : `CRASH ${String(error)}`;
    const detail = error instanceof AppError && error.detail ? ` (${error.detail})` : '';
    if (error instanceof AppError && error.code === 'NO_TEXT') rejected.push(`${file} ${await rejectedSample(bytes, 1)}`);
    console.log(`${file.padEnd(22)} ${pad('', 5)} ${pad(ms.toFixed(0), 6)} ${''.padStart(46)} ${pad(ref ?? '-', 6)} ${pad('', 5)}  ${code}${detail}`);
  }
}
console.log(`\nTotal: ${totalPages} pages in ${(totalMs / 1000).toFixed(2)} s = ${(totalPages / (totalMs / 1000)).toFixed(0)} pages/s (parsed files only)`);
console.log(`\nSamples (first paragraph of each file):`);
for (const s of samples) console.log(`  ${s}`);
console.log(`\nText layers set aside (first pages of each file; control characters shown as ·):`);
for (const r of rejected) console.log(`  ${r}`);
console.log(`\n(${basename(dir)}: words = whitespace-separated tokens of our text; ref = pdftotext's count from INDEX.tsv; CJK text has few spaces, so its word counts differ)`);
