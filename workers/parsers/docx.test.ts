import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/errors';
import type { ParseContext, ParsedDocument } from '../../src/lib/ingest/parsed';
import { docxParser } from './docx';
import { PICTURE, makeDocx, para, rawZip, storedZip, zerosDeflate } from './fixtures/make-docx';

function context(name = 'guide.docx', signal = new AbortController().signal) {
  const progress: [number, number, string][] = [];
  const ctx: ParseContext = { name, signal, onProgress: (done, total, unit) => progress.push([done, total, unit]) };
  return { ctx, progress };
}

async function failure(bytes: Uint8Array, name = 'bad.docx', signal?: AbortSignal): Promise<AppError> {
  try {
    await docxParser.parse(bytes, context(name, signal).ctx);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected parse to fail');
}

const blockText = (doc: ParsedDocument, i: number) => doc.text.slice(doc.blocks[i]?.start, doc.blocks[i]?.end);

describe('docx parser', () => {
  it('reads headings with levels and paths, the Title style, lists, tables and the core title', async () => {
    const { ctx, progress } = context();
    const doc = await docxParser.parse(makeDocx({ title: 'Hearth & Home: a guide' }), ctx);
    expect(doc.format).toBe('docx');
    expect(doc.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.title).toBe('Hearth & Home: a guide');
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [doc.text.slice(b.start, b.end), b.level, b.headingPath]);
    expect(headings).toEqual([
      ['Hearth Field Guide', 1, ['Hearth Field Guide']],
      ['Introduction', 1, ['Introduction']],
      ['Background', 2, ['Introduction', 'Background']],
      ['Results', 1, ['Results']],
    ]);
    const list = doc.blocks.find((b) => b.kind === 'list');
    expect(list?.headingPath).toEqual(['Introduction', 'Background']);
    expect(doc.text.slice(list?.start, list?.end).split('\n')).toEqual(['1. Open the library', '2. Add a document', '3. Pick a Word file', '4. Ask a question']);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(doc.text.slice(table?.start, table?.end)).toBe('Format | Extension\nWord | .docx\nWeb page | .html');
    const results = doc.blocks.findIndex((b) => doc.text.slice(b.start, b.end) === 'Everything stayed private.');
    expect(doc.blocks[results]?.headingPath).toEqual(['Results']);
    // The footnote follows the body, as its own numbered list, without mammoth's "↑" back link.
    expect(blockText(doc, results + 1)).toBe('1. Measured in 2026.');
    expect(doc.text).toContain('Hearth reads documents on your own device.[1]');
    expect(doc.text).not.toContain('↑');
    expect(doc.warnings).toEqual([]);
    expect(progress[0]).toEqual([0, 3, 'part']);
    expect(progress[progress.length - 1]).toEqual([3, 3, 'part']);
  });

  it('keeps offsets exact and leaves pictures out', async () => {
    const doc = await docxParser.parse(makeDocx(), context().ctx);
    expect(doc.text).not.toMatch(/data:|image1|A chart of sales/);
    let pos = 0;
    for (const b of doc.blocks) {
      expect(b.start).toBe(pos);
      pos = b.end + 2;
    }
    expect(doc.blocks[doc.blocks.length - 1]?.end).toBe(doc.text.length);
  });

  it('has no title without docProps/core.xml dc:title', async () => {
    expect((await docxParser.parse(makeDocx(), context().ctx)).title).toBeUndefined();
    expect((await docxParser.parse(makeDocx({ omit: ['docProps/core.xml'] }), context().ctx)).title).toBeUndefined();
  });

  it('warns that macros were ignored in a .docm, and reads its text', async () => {
    const doc = await docxParser.parse(makeDocx({ macros: true }), context('macro.docm').ctx);
    expect(doc.warnings).toEqual([{ code: 'MACROS_IGNORED', message: 'This Word file contains macros; Hearth read its text and never runs macros.' }]);
    expect(doc.mimeType).toBe('application/vnd.ms-word.document.macroEnabled.12');
    expect(doc.text).toContain('Everything stayed private.');
  });

  it('reads a docx whose zip uses ZIP64 records', async () => {
    const doc = await docxParser.parse(storedZip(unzipSync(makeDocx({ title: 'Z' })), { zip64: true }), context().ctx);
    expect(doc.title).toBe('Z');
    expect(doc.text).toContain('Hearth reads documents on your own device.');
  });

  it('refuses a truncated docx, a zip without word/document.xml and a non-zip as FILE_DAMAGED', async () => {
    const bytes = makeDocx();
    const cut = await failure(bytes.subarray(0, Math.floor(bytes.length * 0.8)), 'cut.docx');
    expect(cut.code).toBe('FILE_DAMAGED');
    expect(cut.message).toContain('“cut.docx”');
    const noDoc = await failure(makeDocx({ omit: ['word/document.xml'] }), 'other.docx');
    expect(noDoc.code).toBe('FILE_DAMAGED');
    expect(noDoc.message).toContain('not a Word document');
    expect((await failure(new TextEncoder().encode('PK\u0003\u0004 but nothing else'))).code).toBe('FILE_DAMAGED');
    const badXml = await failure(makeDocx({ body: '<w:p><w:r><w:t>unclosed' }), 'xml.docx');
    expect([badXml.code, badXml.message]).toEqual(['FILE_DAMAGED', expect.stringContaining('“xml.docx” could not be read as a Word document')]);
    expect((await failure(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toMatch(/old Word \(\.doc\)/);
  });

  it('refuses an empty file, a document without text and one with only pictures', async () => {
    expect((await failure(new Uint8Array(0), 'zero.docx')).code).toBe('EMPTY_FILE');
    const blank = await failure(makeDocx({ body: para('') + para('   ') }), 'blank.docx');
    expect(blank.code).toBe('EMPTY_FILE');
    expect(blank.message).toContain('“blank.docx” has no text');
    const pictures = await failure(makeDocx({ body: PICTURE }), 'scan.docx');
    expect(pictures.code).toBe('NO_TEXT');
    expect(pictures.message).toContain('OCR');
  });

  it('refuses zip bombs as ARCHIVE_TOO_LARGE, fast', async () => {
    const base = unzipSync(makeDocx());
    const honest = Object.entries(base).map(([name, data]) => ({ name, data, method: 0 as const }));
    const others = honest.filter((e) => e.name !== 'word/document.xml');
    const liar = rawZip([...others, { name: 'word/document.xml', data: zerosDeflate(1024 ** 3), method: 8, uncompressedSize: 2048, crc: 0 }]);
    const huge = rawZip([...others, { name: 'word/document.xml', data: zerosDeflate(10_000), method: 8, uncompressedSize: 4000 * 1024 ** 2, compressedSize: 100 * 1024 ** 2 }]);
    const t = performance.now();
    const [a, b] = [await failure(liar, 'liar.docx'), await failure(huge, 'huge.docx')];
    expect(performance.now() - t).toBeLessThan(2000);
    expect([a.code, b.code]).toEqual(['ARCHIVE_TOO_LARGE', 'ARCHIVE_TOO_LARGE']);
    expect(a.message).toContain('“liar.docx”');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(makeDocx(), 'a.docx', controller.signal)).code).toBe('ABORTED');
  });
});
