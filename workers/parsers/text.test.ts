import { describe, expect, it } from 'vitest';
import { markdownParser, textParser } from './text';
import type { ParseContext } from '../../src/lib/ingest/parsed';

const ctx = (name: string): ParseContext => ({ name, signal: new AbortController().signal, onProgress: () => {} });
const enc = (s: string) => new TextEncoder().encode(s);

describe('markdownParser', () => {
  it('keeps headings with levels and paths, lists, tables and fenced code', async () => {
    const md = '# Guide\n\nIntro text.\n\n## Install\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nnpm i\n```\n\nSetext title\n------------\n\nBody.';
    const doc = await markdownParser.parse(enc(md), ctx('guide.md'));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'list', 'table', 'code', 'heading', 'paragraph']);
    const install = doc.blocks[3];
    expect(install?.headingPath).toEqual(['Guide', 'Install']);
    expect(doc.text.slice(install?.start, install?.end)).toBe('- one\n- two');
    const table = doc.blocks[4];
    expect(doc.text.slice(table?.start, table?.end)).toBe('a | b\n1 | 2');
    expect(doc.blocks[7]?.headingPath).toEqual(['Guide', 'Setext title']);
    expect(doc.mimeType).toBe('text/markdown');
  });
});

describe('textParser', () => {
  it('reads a Windows-1252 file and says so', async () => {
    const bytes = new Uint8Array([...enc('Cr'), 0xe8, ...enc('me br'), 0xfb, ...enc('l'), 0xe9, ...enc('e co'), 0xfb, ...enc('te 5 '), 0x80]);
    const doc = await textParser.parse(bytes, ctx('recette.txt'));
    expect(doc.text).toBe('Crème brûlée coûte 5 €');
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.warnings.map((w) => w.code)).toEqual(['LEGACY_ENCODING']);
  });
  it('reads CSV rows as table lines, each block led by the header row', async () => {
    const rows = ['name,city,"note, quoted"', ...Array.from({ length: 45 }, (_, i) => `p${i},Oslo,"said ""hi"""`)];
    const doc = await textParser.parse(enc(rows.join('\r\n')), ctx('people.csv'));
    expect(doc.blocks).toHaveLength(2);
    expect(doc.blocks.every((b) => b.kind === 'table')).toBe(true);
    const second = doc.text.slice(doc.blocks[1]?.start, doc.blocks[1]?.end).split('\n');
    expect(second[0]).toBe('name | city | note, quoted');
    expect(second[1]).toBe('p40 | Oslo | said "hi"');
    expect(doc.mimeType).toBe('text/csv');
  });
  it('re-indents minified JSON so it has lines to cut at', async () => {
    const doc = await textParser.parse(enc('{"a":{"b":[1,2]},"c":"text"}'), ctx('data.json'));
    expect(doc.text.split('\n').length).toBeGreaterThan(5);
    expect(doc.text).toContain('"c": "text"');
  });
  it('splits plain text into paragraphs at blank lines', async () => {
    const doc = await textParser.parse(enc('First para\nline two.\n\n\nSecond para.'), ctx('a.txt'));
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual(['First para\nline two.', 'Second para.']);
  });
});
